#!/usr/bin/env bash
# Makes sure OpenSSH's sshd and ssh-keygen are present for the SFTP tests, which start a real sshd
# on loopback (packages/testkit/src/sshd.ts). Debian/Ubuntu (apt-get); a no-op when already there.
set -euo pipefail

if [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sshd: /usr/sbin/sshd is missing and apt-get is not available; install OpenSSH server by hand." >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "install-sshd: installing openssh-server (the SFTP tests run a real sshd on loopback)…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openssh-server openssh-client >/dev/null

# As root, sshd refuses to start without its privilege-separation folder (the tests also create it).
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
  mkdir -p /run/sshd
  chmod 0755 /run/sshd
fi

/usr/sbin/sshd -V 2>&1 | head -n 1 || true
