#!/usr/bin/env bash
# Makes sure a Docker engine answers, for berth's tests (see
# ../../shared/DOCKER-LAB.md, and scripts/test.sh which calls this).
#
#   - An engine that already answers (DOCKER_HOST or the default socket) is
#     reused and left alone: nothing is recorded, docker-down.sh stops nothing.
#   - Otherwise Debian's dockerd is started (installed with apt-get first
#     when it is missing, with docker-compose and docker-registry for the
#     Compose and pull checks), its
#     pid recorded in $BERTH_TEST_STATE/dockerd.pid so docker-down.sh stops
#     exactly that daemon.
#
# Environment: BERTH_TEST_STATE (default /tmp/berth-test-state),
# BERTH_DOCKER_ROOT (dockerd --data-root, default /tmp/berth-docker),
# BERTH_DOCKER_WAIT (seconds to wait for the engine, default 60).
set -euo pipefail

state="${BERTH_TEST_STATE:-/tmp/berth-test-state}"
root="${BERTH_DOCKER_ROOT:-/tmp/berth-docker}"
wait_s="${BERTH_DOCKER_WAIT:-60}"
mkdir -p "$state"

answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && answers; then
	echo "docker-up: reusing the engine that answers at ${DOCKER_HOST:-the default socket}"
	exit 0
fi

if [ -f "$state/dockerd.pid" ] && kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then
	echo "docker-up: dockerd $(cat "$state/dockerd.pid") (started earlier by this script) is still starting"
else
	if ! command -v dockerd >/dev/null 2>&1; then
		echo "docker-up: installing Debian's docker.io (dockerd 20.10)" >&2
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
	fi
	# Optional: the checks that need them skip without them (and fail
	# under CI=true): docker-compose for the Compose checks, Debian's
	# docker-registry (a local registry on 127.0.0.1) for the pull checks.
	for tool in docker-compose docker-registry; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null 2>&1 ||
				echo "docker-up: could not install $tool; the checks that need it will skip" >&2
		fi
	done
	mkdir -p "$root"
	host=()
	case "${DOCKER_HOST:-}" in
	unix://*) host=(-H "$DOCKER_HOST") ;; # serve where the tests will look
	esac
	dockerd --data-root "$root" "${host[@]}" >"$state/dockerd.log" 2>&1 &
	echo $! >"$state/dockerd.pid"
	echo "docker-up: started dockerd (pid $!, data root $root, log $state/dockerd.log)"
fi

for _ in $(seq 1 "$((wait_s * 4))"); do
	if answers; then
		echo "docker-up: the engine answers"
		exit 0
	fi
	if ! kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then
		echo "docker-up: dockerd exited; its log:" >&2
		tail -20 "$state/dockerd.log" >&2
		rm -f "$state/dockerd.pid"
		exit 1
	fi
	sleep 0.25
done
echo "docker-up: dockerd did not answer within ${wait_s}s; its log:" >&2
tail -20 "$state/dockerd.log" >&2
exit 1
