#!/usr/bin/env bash
# Installs, from Debian's packages, what the integration tests need: nginx (HTTPS test servers),
# tinyproxy (a real HTTP proxy), openssh-server (its sshd, and ssh/ssh-keygen from openssh-client, for the
# PowerShell remoting tests: tests/infra/SshServer.psm1), chromium (the fleet report rendered by a real
# browser, headless), python3-yaml (tests/Pester/CI.Tests.ps1 parses the CI workflow).
# Idempotent and quiet; does nothing (and no apt-get update) when everything is there.
# The packages' own services are NOT started: the tests start their own instances on 127.0.0.1.
set -euo pipefail

packages=(nginx-light tinyproxy openssh-server chromium python3-yaml)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-deps.sh: need root to install: ${missing[*]}" >&2; exit 1; fi
else
    SUDO=
fi

# Keep the packages' init scripts from starting system-wide nginx/tinyproxy/sshd (port 80 on all
# addresses and so on) during the install: a temporary policy-rc.d, only if none exists.
policy=/usr/sbin/policy-rc.d
cleanup() { :; }
if [ ! -e "$policy" ]; then
    $SUDO sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    cleanup() { $SUDO rm -f "$policy"; }
fi
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
echo "install-deps.sh: installed ${missing[*]}"
