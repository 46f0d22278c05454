#!/usr/bin/env bash
# Installs what Reelay needs on a fresh Debian/Ubuntu machine, only when missing.
#   ensure-deps.sh run    ffmpeg + fonts (to generate videos)
#   ensure-deps.sh test   the above + what the test suite starts for real (sqlite3, postgresql; node + s3rver from tools/s3rver;
#                         Debian's chromium for the console's browser tests)
set -euo pipefail
need=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${1:-run}" = "test" ]; then
  command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  # tests/Reelay.BrowserTests drive it headless through Playwright (ExecutablePath=/usr/bin/chromium; no browser download).
  [ -x /usr/bin/chromium ] || need+=(chromium)
  # The PostgreSQL tests start a throwaway server themselves (initdb + pg_ctl, as the postgres user when root).
  if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
  fi
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-run}" = "test" ] && [ ! -d "$root/tools/s3rver/node_modules/s3rver" ]; then
  echo "installing: s3rver (npm ci --prefix tools/s3rver)" >&2
  npm ci --prefix "$root/tools/s3rver" --no-audit --no-fund >&2
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is required: https://dotnet.microsoft.com/download" >&2
  exit 3
fi
