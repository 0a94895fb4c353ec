#!/usr/bin/env bash
# The ESM build in a real browser: Debian's chromium (installed with apt-get when missing),
# driven headless by playwright-core; see scripts/browser-check.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM:-}" ]; then
  echo "installing Debian's chromium"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium > /dev/null
fi
npm run build --silent
node scripts/browser-check.js
