#!/bin/sh
# Installs what the browser test needs when it is absent: Debian's headless-capable Chromium, its
# WebDriver (chromedriver) and CJK fonts so screenshots show the Japanese text.
# Run by BrowserIT before it starts; idempotent and quick when everything is present.
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -x /usr/bin/chromedriver ] || need="$need chromium-driver"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need="$need fonts-noto-cjk"
if [ -z "$need" ]; then
    echo "ensure-chromium: chromium, chromedriver and CJK fonts present"
    exit 0
fi
echo "ensure-chromium: installing$need"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "ensure-chromium: not root and no sudo; install$need by hand" >&2; exit 1; fi
else
    SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $need fontconfig
echo "ensure-chromium: done"
