#!/usr/bin/env bash
# Installs Debian's Chromium for the Web UI browser test (test/e2e/web-ui.test.ts) when it is missing.
# playwright-core drives it as /usr/bin/chromium; Playwright's own browser downloads are not used.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends chromium
/usr/bin/chromium --version
