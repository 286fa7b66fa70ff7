#!/usr/bin/env bash
# Runs a command under a private Xvfb and returns the command's exit status.
# Usage: HEADLESS_SCREEN=1280x800x24 bash tests/headless.sh COMMAND [ARGS...]
# The server picks a free display number itself (-displayfd), so runs in parallel never race for one,
# and this script owns its temporary folder (xvfb-run -a raced on both and sometimes exited 5).
# Key auto-repeat is off (-r): a chord held for two slow frames must not paste twice.
set -u
screen="${HEADLESS_SCREEN:-1280x800x24}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/chainatlas-xvfb.XXXXXX") || exit 1
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -r 3> "$dir/display" 2> "$dir/xvfb.log" &
server=$!
cleanup() {
    kill "$server" 2> /dev/null
    wait "$server" 2> /dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 200); do  # up to 20 s for the server to say its display number
    [[ -s "$dir/display" ]] && break
    if ! kill -0 "$server" 2> /dev/null; then
        echo "headless.sh: Xvfb did not start:" >&2
        cat "$dir/xvfb.log" >&2
        exit 1
    fi
    sleep 0.1
done
display=$(tr -dc '0-9' < "$dir/display")
if [[ -z "$display" ]]; then
    echo "headless.sh: Xvfb gave no display number within 20 s" >&2
    exit 1
fi
DISPLAY=":$display" "$@"
