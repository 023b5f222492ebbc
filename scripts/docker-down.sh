#!/usr/bin/env bash
# Stops the dockerd that docker-up.sh started, and only that one: an engine
# docker-up.sh found already answering was never recorded and is left
# running.
set -euo pipefail

state="${BERTH_TEST_STATE:-/tmp/berth-test-state}"
pidfile="$state/dockerd.pid"

if [ ! -f "$pidfile" ]; then
	echo "docker-down: nothing to stop (docker-up.sh started no dockerd)"
	exit 0
fi
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
	kill -TERM "$pid"
	for _ in $(seq 1 120); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.25
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "docker-down: dockerd $pid did not stop in 30s; killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	echo "docker-down: stopped dockerd (pid $pid)"
else
	echo "docker-down: dockerd $pid had already exited"
fi
rm -f "$pidfile"
