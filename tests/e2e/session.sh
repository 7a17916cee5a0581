#!/usr/bin/env bash
# Runs inside xvfb-run and its own dbus-run-session (one per test): records desktop
# notifications, writes the session's environment for second launches of the app
# (deep links), then runs tauri-driver in the foreground.
set -euo pipefail
out="$1"
port="$2"
native_port="$3"
env | grep -E '^(DISPLAY|DBUS_SESSION_BUS_ADDRESS|XAUTHORITY)=' > "$out/session.env"
# dunst answers org.freedesktop.Notifications (it starts on demand via D-Bus too).
dunst >/dev/null 2>&1 &
dbus-monitor "interface='org.freedesktop.Notifications',member='Notify'" > "$out/notifications.log" 2>&1 &
# The pid stays tauri-driver's after exec: the test stops it with SIGTERM.
echo $$ > "$out/driver.pid"
exec tauri-driver --port "$port" --native-port "$native_port"
