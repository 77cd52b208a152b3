#!/bin/bash
# Runs Chromium in a network namespace of its own, joined to the test's namespace by a veth end
# the test moves in: writes the namespace's PID to $NETNS_PIDFILE, waits for interface $NETNS_IF,
# gives it $NETNS_ADDR, then execs Chromium (Playwright talks to it over a pipe, not the network).
exec unshare --net -- bash -c '
  echo $$ > "$NETNS_PIDFILE"
  for _ in $(seq 1 200); do ip link show "$NETNS_IF" >/dev/null 2>&1 && break; sleep 0.05; done
  ip link set lo up
  ip addr add "$NETNS_ADDR" dev "$NETNS_IF"
  ip link set "$NETNS_IF" up
  exec /usr/bin/chromium "$@"
' netns-chromium "$@"
