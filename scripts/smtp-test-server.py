#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) on 127.0.0.1 for riskflow's e-mail channel test.

    python3 scripts/smtp-test-server.py CERT KEY OUTDIR USER PASSWORD

Offers STARTTLS (with CERT/KEY) and requires it before AUTH (PLAIN and LOGIN, one
user); writes each accepted message to OUTDIR/NNN.eml and its envelope to OUTDIR/NNN.json
({"mail_from", "rcpt_tos", "auth"}); prints "READY <port>" once listening and runs until
stdin closes. Needs `pip install aiosmtpd` (.ci/run installs it).
"""
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

cert, key, outdir, user, password = sys.argv[1:6]
os.makedirs(outdir, exist_ok=True)


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(outdir, "%03d" % self.count)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            login = getattr(session, "riskflow_login", None)
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "auth": login}, f)
        return "250 2.0.0 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
    if ok:
        session.riskflow_login = user
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(
    Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
    authenticator=authenticator, auth_require_tls=True, auth_required=True,
)
controller.start()
print("READY %d" % port, flush=True)
sys.stdin.read()
controller.stop()
