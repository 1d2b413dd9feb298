# Shell helpers shared by the CI checks and the benchmarks (source it).

# Sets $browser to headless-capable Chromium, installing Debian's package when missing.
ensure_chromium() {
    browser=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$browser" ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
        browser=$(command -v chromium)
    fi
}

# screenshot URL PNG HEIGHT MIN_BYTES: renders URL in headless Chromium at 1100×HEIGHT and
# fails unless the PNG is at least MIN_BYTES (a blank page compresses to a few KB).
screenshot() {
    ensure_chromium
    local log="$2.chromium.log"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,"$3" \
        --screenshot="$2" "$1" 2> "$log" || { echo "chromium failed:"; cat "$log"; return 1; }
    [ -s "$2" ] || { echo "chromium wrote no screenshot"; return 1; }
    local size
    size=$(stat -c %s "$2")
    [ "$size" -gt "$4" ] || { echo "the screenshot looks blank ($size bytes)"; return 1; }
    echo "screenshot: $2 ($size bytes)"
}

# start_serve BINARY LOG [ARGS…]: starts `riskflow serve --port 0 ARGS…`, logging to LOG,
# and waits for its address; sets $serve_pid and $serve_port.
start_serve() {
    local bin="$1" log="$2"
    shift 2
    "$bin" serve --port 0 "$@" 2> "$log" &
    serve_pid=$!
    serve_port=""
    for _ in $(seq 1 600); do
        serve_port=$(grep -o 'serving http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
        [ -n "$serve_port" ] && return 0
        kill -0 "$serve_pid" 2>/dev/null || { echo "serve exited:"; cat "$log"; return 1; }
        sleep 0.1
    done
    echo "serve did not start:"; cat "$log"; return 1
}
