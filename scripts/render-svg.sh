#!/usr/bin/env bash
# Renders an SVG to PNG with headless Chromium, to check a map the way a browser shows it.
# Usage: bash scripts/render-svg.sh MAP.svg OUT.png   (needs Debian's chromium package)
set -euo pipefail
svg=$(realpath "$1")
out=$(realpath -m "$2")
read -r width height < <(sed -n 's/.*<svg[^>]* width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p' "$svg" | head -n1)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size="${width%.*},${height%.*}" --screenshot="$out" "file://$svg" >/dev/null 2>&1
echo "$out"
