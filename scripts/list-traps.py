#!/usr/bin/env python3
"""Lists every trap left in the non-test code and fails on any without a reason.

A trap is a postfix force unwrap (`x!`, `f()!`, `a[i]!`), `try!`, `as!`, `fatalError`,
`precondition`, `preconditionFailure`, `assert`, `assertionFailure` or `unsafelyUnwrapped`.
Swift cannot catch a trap, so one reachable from input kills the CLI with a signal and
`riskflow serve` with every request in flight. A trap may stay only where an invariant
makes it unreachable; the line (or the comment line just above it) then says which, as
`// trap-ok: <the invariant>`.

Usage: scripts/list-traps.py [ROOT]   (default: Sources)
Prints `path:line: kind: code` for each trap, the kept ones with their reason, and exits
1 when a trap has no `trap-ok` reason.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Sources")
PATTERNS = [
    ("force unwrap", re.compile(r"[\w\)\]]!(?![=])")),
    ("try!", re.compile(r"\btry!")),
    ("as!", re.compile(r"\bas!")),
    ("fatalError", re.compile(r"\bfatalError\s*\(")),
    ("precondition", re.compile(r"\bprecondition(Failure)?\s*\(")),
    ("assert", re.compile(r"\bassert(ionFailure)?\s*\(")),
    ("unsafelyUnwrapped", re.compile(r"\.unsafelyUnwrapped\b")),
]
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
MARK = "trap-ok:"


def code_of(line: str) -> str:
    """The line without string literals and without its trailing comment."""
    s = STRING.sub('""', line)
    i = s.find("//")
    return s if i < 0 else s[:i]


def reason_for(lines, i):
    """The `trap-ok` line covering line index `i`: the line itself, or the comment block
    just above the statement it belongs to (a statement continues over lines ending in
    `,` or `(`)."""
    if MARK in lines[i]:
        return lines[i]
    j = i - 1
    while j >= 0 and i - j <= 6:
        above = lines[j].strip()
        if above.startswith("//"):
            if MARK in above:
                # The reason with its continuation comment lines.
                text = [above]
                for k in range(j + 1, i):
                    nxt = lines[k].strip()
                    if not nxt.startswith("//"):
                        break
                    text.append(nxt.lstrip("/").strip())
                return " ".join(text)
        elif not (above.endswith(",") or above.endswith("(")):
            return None
        j -= 1
    return None


unexplained = 0
kept = 0
for path in sorted(root.rglob("*.swift")):
    lines = path.read_text(encoding="utf-8").splitlines()
    in_block_comment = False
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_block_comment:
            if "*/" in stripped:
                in_block_comment = False
            continue
        if stripped.startswith("/*"):
            in_block_comment = "*/" not in stripped
            continue
        code = code_of(line)
        # `try!`/`as!` would otherwise also count as a force unwrap.
        found = [kind for kind, rx in PATTERNS if rx.search(code.replace("try!", "try ").replace("as!", "as ")) or
                 (kind in ("try!", "as!") and rx.search(code))]
        if not found:
            continue
        reason_line = reason_for(lines, n - 1)
        kinds = ", ".join(found)
        if reason_line is None:
            unexplained += 1
            print(f"{path}:{n}: {kinds}: {stripped}   <-- no trap-ok reason")
        else:
            kept += 1
            reason = reason_line.split(MARK, 1)[1].strip()
            print(f"{path}:{n}: {kinds} (kept: {reason})")

print(f"{kept} trap(s) kept with a reason, {unexplained} without", file=sys.stderr)
sys.exit(1 if unexplained else 0)
