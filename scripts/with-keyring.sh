#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a real, unlocked gnome-keyring (the Secret
# Service keytar talks to) and a throwaway HOME, so tests never touch the user's own keychain.
# Already inside one (POS_KEYRING_READY=1)? Just run the command.
set -euo pipefail
if [ "${POS_KEYRING_READY:-}" = 1 ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install dbus gnome-keyring (see .ci/run)" >&2; exit 3; }
done
export POS_TEST_HOME="$(mktemp -d /tmp/counter-pos-home.XXXXXX)"
export POS_KEYRING_READY=1
exec dbus-run-session -- bash -c '
  set -euo pipefail
  export HOME="$POS_TEST_HOME" XDG_DATA_HOME="$POS_TEST_HOME/.local/share" XDG_RUNTIME_DIR="$POS_TEST_HOME/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
  # The password only unlocks this throwaway login keyring.
  eval "$(printf "%s" "counter-pos-test" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  eval "$(gnome-keyring-daemon --start --components=secrets)"
  status=0; "$@" || status=$?
  rm -rf "$POS_TEST_HOME"
  exit $status
' bash "$@"
