#!/usr/bin/env bash
# Runs all of berth's tests against real engines. It starts what the tests
# need and stops exactly what it started:
#   - a Docker engine (scripts/docker-up.sh; reuses one that already answers)
#   - a 3-node swarm lab in network namespaces (scripts/swarm-lab.sh), for
#     the swarm end-to-end tests, when this machine can make one, with a
#     plain-HTTP registry on its bridge (Debian's docker-registry)
# The pull test starts its own registry on 127.0.0.1 (docker-up.sh installs
# docker-registry with the engine).
# Under CI=true a test that needs an engine fails when none can be started.
set -euo pipefail
cd "$(dirname "$0")/.."

export GOFLAGS="${GOFLAGS:-} -count=1"
export BERTH_TEST_STATE="${BERTH_TEST_STATE:-$(mktemp -d /tmp/berth-test.XXXXXX)}"

cleanup() {
	rc=$?
	if [ -x scripts/swarm-lab.sh ] && [ -f "$BERTH_TEST_STATE/swarm-lab" ]; then
		scripts/swarm-lab.sh down || true
	fi
	if [ -x scripts/docker-up.sh ]; then
		scripts/docker-down.sh || true
	fi
	exit $rc
}
trap cleanup EXIT INT TERM

step() { printf '\n==> %s\n' "$*"; }

step "go vet"
go vet ./...

if [ -x scripts/docker-up.sh ]; then
	step "Docker engine"
	if ! scripts/docker-up.sh; then
		echo "could not start a Docker engine; tests that need one will fail under CI=true and skip otherwise" >&2
	fi
fi

if [ -x scripts/swarm-lab.sh ]; then
	step "swarm lab (3 nodes)"
	if scripts/swarm-lab.sh up 3; then
		touch "$BERTH_TEST_STATE/swarm-lab"
		export BERTH_SWARM_LAB="$(scripts/swarm-lab.sh env)"
	else
		echo "could not start the swarm lab; swarm tests will fail under CI=true and skip otherwise" >&2
	fi
fi

step "go test"
go test -timeout 25m ./...
