#!/usr/bin/env bash
# Installs Debian's chromium for the headless graph-picture test when it is
# missing. Never fails the run: where it cannot install (no root, no apt, no
# network), the test that needs it skips with a message saying so.
set -u
if command -v chromium >/dev/null 2>&1; then
  echo "ensure-chromium: $(command -v chromium) present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ensure-chromium: not root and no password-less sudo: chromium not installed (the browser test will skip)"
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get on this machine: chromium not installed (the browser test will skip)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
if timeout 600 $SUDO apt-get update -qq && timeout 600 $SUDO apt-get install -y -qq --no-install-recommends chromium; then
  echo "ensure-chromium: installed $(chromium --version 2>/dev/null | head -n 1) in $((SECONDS - start)) s"
else
  echo "ensure-chromium: apt-get could not install chromium (the browser test will skip)"
fi
exit 0
