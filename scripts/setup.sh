#!/usr/bin/env bash
# Installs what ChainAtlas needs from Debian 12 packages (idempotent: quick when all are present).
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libboost-graph-dev libgraphviz-dev graphviz nlohmann-json3-dev libsimdjson-dev libcli11-dev doctest-dev
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libicu-dev
  xvfb xauth xdotool xclip libgl1-mesa-dri libglx-mesa0 fonts-wqy-microhei libxml2-utils
  x11-apps netpbm  # xwd and pnmtopng: tests/ui/e2e.sh's screenshots of each step (E2E_SHOTS=DIR)
  dpkg-dev file
  clang libclang-rt-14-dev libxml2-dev
  libxlsxwriter-dev libminizip-dev libcairo2-dev libpango1.0-dev librsvg2-dev poppler-utils unzip python3-openpyxl
  clang-format clang-tidy ccache
  python3-numpy
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
