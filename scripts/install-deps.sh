#!/usr/bin/env bash
# install-deps.sh installs the system packages Salesplan needs to build
# (cgo: gcc, OpenGL and X11 headers) and to test (Xvfb, xdotool, qpdf,
# poppler-utils, sqlite3), when they are missing. Debian/Ubuntu only; on
# other systems it says what to install.
set -euo pipefail

pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xdotool x11-utils qpdf poppler-utils sqlite3)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
else
  echo "install-deps: not a Debian/Ubuntu system; install a C compiler, OpenGL and X11 development headers yourself (see README)." >&2
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "install-deps: Go is not installed; get Go 1.26 or newer from your package manager or go.dev." >&2
  exit 1
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
