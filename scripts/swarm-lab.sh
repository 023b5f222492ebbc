#!/usr/bin/env bash
# swarm-lab.sh: a real multi-node Docker Swarm on one machine.
#
# Each node is its own dockerd in its own network namespace (and UTS
# namespace, so `docker node ls` shows berthlab-nN), joined by a veth pair to
# the bridge berthlab0 on 10.231.0.0/24. Node N has the address 10.231.0.N.
# Node 1 is the only manager; the others are workers (a 1-manager swarm keeps
# its quorum when a worker dies, which is what the failover tests do).
#
#   swarm-lab.sh up [N]     start N nodes (default 3) and form the swarm; idempotent
#   swarm-lab.sh down       stop everything the lab made and remove it
#   swarm-lab.sh env        print the line tests read from BERTH_SWARM_LAB
#   swarm-lab.sh status     show the daemons and the swarm's nodes
#   swarm-lab.sh kill I     crash node I: SIGKILL its daemon, containerd and containers
#   swarm-lab.sh start I    start node I's daemon again (it rejoins the swarm)
#
# A plain-HTTP image registry (Debian's docker-registry, installed when
# missing) listens on the bridge, 10.231.0.254:5000, for `berth { registry
# = "10.231.0.254:5000" }`; every node lists it in its insecure-registries.
# Its blobs live in the state directory.
#
# The host engine (/var/run/docker.sock) is never touched, except for one
# iptables rule (DOCKER-USER, or FORWARD when there is no DOCKER-USER chain)
# that lets bridged lab traffic through the host engine's FORWARD DROP; it is
# recorded in the state directory and removed by `down`.
#
# BERTH_SWARM_LAB_DIR overrides the state directory (/tmp/berth-swarm-lab).
# Keep it short: dockerd's sockets live under it.
set -euo pipefail

STATE="${BERTH_SWARM_LAB_DIR:-/tmp/berth-swarm-lab}"
PREFIX=berthlab
BRIDGE="${PREFIX}0"
NET=10.231.0        # the lab network; node N is $NET.N, the bridge $NET.254
REGISTRY="$NET.254:5000"   # the lab's registry, on the bridge
SWARM_POOL=10.232.0.0/16   # overlay subnets (swarm init --default-addr-pool)
# Per node: docker0 is 10.233.N.1/24 and local networks (docker_gwbridge)
# come from 10.(234+N).0.0/16, away from the host engine's 172.17+/192.168.
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

log() { printf 'swarm-lab: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

netns() { echo "${PREFIX}-n$1"; }
ndir() { echo "$STATE/n$1"; }
sock() { echo "unix://$(ndir "$1")/docker.sock"; }
dk() { local i=$1; shift; DOCKER_HOST="$(sock "$i")" timeout 30 docker "$@"; }
cgroup() { echo "/${PREFIX}-n$1"; }

nodes_count() { cat "$STATE/nodes" 2>/dev/null || echo 0; }

# --- network -------------------------------------------------------------

ensure_bridge() {
	if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
		ip link add "$BRIDGE" type bridge
		ip addr add "$NET.254/24" dev "$BRIDGE"
	fi
	ip link set "$BRIDGE" up
}

# The host engine sets FORWARD to DROP; with br_netfilter that drops frames
# bridged between the nodes too. Let exactly the lab bridge through.
ensure_forward_rule() {
	[ -f "$STATE/iptables" ] && return 0
	local chain=""
	if iptables -n -L DOCKER-USER >/dev/null 2>&1; then
		chain=DOCKER-USER
	elif iptables -S FORWARD 2>/dev/null | grep -q '^-P FORWARD DROP'; then
		chain=FORWARD
	fi
	if [ -n "$chain" ]; then
		iptables -I "$chain" -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
		log "iptables: -I $chain -i $BRIDGE -o $BRIDGE -j ACCEPT"
	fi
	echo "$chain" >"$STATE/iptables"
}

remove_forward_rule() {
	[ -f "$STATE/iptables" ] || return 0
	local chain
	chain="$(cat "$STATE/iptables")"
	if [ -n "$chain" ]; then
		iptables -D "$chain" -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null || true
	fi
	rm -f "$STATE/iptables"
}

ensure_netns() {
	local i=$1 ns veth
	ns="$(netns "$i")"
	veth="${PREFIX}-v$i"
	[ -e "/var/run/netns/$ns" ] || ip netns add "$ns"
	if ! ip link show "$veth" >/dev/null 2>&1; then
		ip link add "$veth" type veth peer name eth0 netns "$ns"
		ip link set "$veth" master "$BRIDGE" up
	fi
	nsenter --net="/var/run/netns/$ns" sh -c "
		ip addr show dev eth0 | grep -q '$NET.$i/' || ip addr add $NET.$i/24 dev eth0
		ip link set eth0 up; ip link set lo up"
}

# --- daemons -------------------------------------------------------------

daemon_pid() {
	local f
	f="$(ndir "$1")/docker.pid"
	[ -f "$f" ] || return 1
	local pid
	pid="$(cat "$f")"
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

daemon_answers() { DOCKER_HOST="$(sock "$1")" timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# start_daemon I: dockerd of node I in its netns, with a UTS namespace of its
# own (hostname berthlab-nI) and its containers under cgroup /berthlab-nI.
# nsenter, not `ip netns exec`: the latter remounts /sys and dockerd then
# fails with "Devices cgroup isn't mounted".
start_daemon() {
	local i=$1 d
	d="$(ndir "$i")"
	if daemon_pid "$i" >/dev/null; then return 0; fi
	mkdir -p "$d/data" "$d/exec"
	rm -f "$d/docker.pid" "$d/docker.sock"
	setsid nsenter --net="/var/run/netns/$(netns "$i")" unshare --uts sh -c "
		hostname $(netns "$i")
		exec dockerd \
			--data-root '$d/data' --exec-root '$d/exec' \
			--pidfile '$d/docker.pid' -H '$(sock "$i")' \
			--bip 10.233.$i.1/24 \
			--default-address-pool base=10.$((234 + i)).0.0/16,size=24 \
			--cgroup-parent '$(cgroup "$i")' \
			--insecure-registry '$REGISTRY' \
			--log-level warn" \
		</dev/null >>"$d/dockerd.log" 2>&1 &
}

wait_daemon() {
	local i=$1 n
	for n in $(seq 1 120); do
		daemon_answers "$i" && return 0
		sleep 0.5
	done
	tail -n 20 "$(ndir "$i")/dockerd.log" >&2 || true
	die "node $i: dockerd did not answer on $(sock "$i") within 60s"
}

# --- swarm ---------------------------------------------------------------

local_state() { dk "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

ensure_swarm() {
	local n=$1 i st token
	st="$(local_state 1)"
	if [ "$st" != active ]; then
		dk 1 swarm init --advertise-addr "$NET.1" --listen-addr "$NET.1:2377" \
			--default-addr-pool "$SWARM_POOL" >/dev/null
	fi
	token="$(dk 1 swarm join-token -q worker)"
	for i in $(seq 2 "$n"); do
		st="$(local_state "$i")"
		case "$st" in
		active) ;;
		pending) ;; # joining; wait_ready bounds it
		*)
			dk "$i" swarm join --token "$token" --advertise-addr "$NET.$i" \
				--listen-addr "$NET.$i:2377" "$NET.1:2377" >/dev/null
			;;
		esac
	done
}

ready_count() {
	dk 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true
}

wait_ready() {
	local n=$1 k c=0
	for k in $(seq 1 120); do
		c="$(ready_count)"
		[ "$c" -ge "$n" ] && return 0
		sleep 0.5
	done
	dk 1 node ls >&2 || true
	die "only $c of $n nodes are Ready after 60s"
}

# --- commands ------------------------------------------------------------

registry_pid() {
	local pid
	pid="$(cat "$STATE/registry.pid" 2>/dev/null)" || return 1
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

registry_answers() { (exec 3<>"/dev/tcp/${REGISTRY%:*}/${REGISTRY#*:}") 2>/dev/null; }

# start_registry: the lab's registry. Without Debian's docker-registry (and
# no way to install it) the lab works without one, and says so.
start_registry() {
	local k
	registry_pid >/dev/null && return 0
	if ! command -v docker-registry >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null 2>&1 ||
			{ log "no registry: docker-registry is not installed and could not be"; return 0; }
	fi
	mkdir -p "$STATE/registry"
	cat >"$STATE/registry.yml" <<-EOF
		version: 0.1
		log:
		  level: warn
		storage:
		  filesystem:
		    rootdirectory: $STATE/registry
		  delete:
		    enabled: true
		http:
		  addr: $REGISTRY
	EOF
	setsid docker-registry serve "$STATE/registry.yml" </dev/null >>"$STATE/registry.log" 2>&1 &
	echo $! >"$STATE/registry.pid"
	for k in $(seq 1 40); do
		registry_answers && { log "registry on $REGISTRY"; return 0; }
		sleep 0.25
	done
	tail -n 5 "$STATE/registry.log" >&2 || true
	die "the registry did not answer on $REGISTRY within 10s"
}

stop_registry() {
	local pid
	pid="$(registry_pid)" || return 0
	kill -TERM "$pid" 2>/dev/null || true
}

cmd_up() {
	local n=${1:-3} have i
	[[ "$n" =~ ^[1-9][0-9]?$ ]] && [ "$n" -le 50 ] || die "up: N must be 1..50, got '$n'"
	have="$(nodes_count)"
	if [ "$have" -ne 0 ] && [ "$have" -ne "$n" ]; then
		die "a lab of $have nodes is already up in $STATE; run '$0 down' first"
	fi
	mkdir -p "$STATE"
	echo "$n" >"$STATE/nodes"
	ensure_bridge
	ensure_forward_rule
	for i in $(seq 1 "$n"); do ensure_netns "$i"; done
	start_registry
	for i in $(seq 1 "$n"); do start_daemon "$i"; done
	for i in $(seq 1 "$n"); do wait_daemon "$i"; done
	ensure_swarm "$n"
	wait_ready "$n"
	log "$n nodes Ready; manager $(sock 1)"
}

# kill_node I: a node crash. Everything that runs in the node's network
# namespace (dockerd, containerd, shims, host-network containers) and every
# container process in its cgroup gets SIGKILL.
kill_node() {
	local i=$1 pids ns
	ns="$(netns "$i")"
	pids="$(ip netns pids "$ns" 2>/dev/null || true)"
	pids="$pids $(cat /sys/fs/cgroup/pids"$(cgroup "$i")"/*/cgroup.procs 2>/dev/null || true)"
	pids="$(echo $pids)"
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
}

# stop_node I: a clean stop (dockerd stops its containers), then kill_node
# for whatever is left after 20s.
stop_node() {
	local i=$1 pid k
	if pid="$(daemon_pid "$i")"; then
		kill -TERM "$pid" 2>/dev/null || true
		for k in $(seq 1 40); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
	fi
	kill_node "$i"
	for k in $(seq 1 20); do
		[ -z "$(ip netns pids "$(netns "$i")" 2>/dev/null)" ] && break
		sleep 0.25
	done
}

unmount_under() {
	local dir=$1 m
	# deepest first
	for m in $(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/self/mounts | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
}

remove_cgroups() {
	local i=$1 sub
	for sub in /sys/fs/cgroup/*"$(cgroup "$i")"; do
		[ -d "$sub" ] || continue
		find "$sub" -depth -type d -exec rmdir {} \; 2>/dev/null || true
	done
}

cmd_down() {
	local n i
	n="$(nodes_count)"
	# Nodes beyond the recorded count, if a crash lost the count.
	for i in $(seq 1 50); do
		if [ "$i" -le "$n" ] || [ -e "/var/run/netns/$(netns "$i")" ] || [ -d "$(ndir "$i")" ]; then
			stop_node "$i" &
		fi
	done
	wait
	stop_registry
	# A veth goes with its namespace, a moment later: ignore "not found".
	for i in $(seq 1 50); do
		if [ -e "/var/run/netns/$(netns "$i")" ]; then ip netns del "$(netns "$i")" || true; fi
		ip link del "${PREFIX}-v$i" 2>/dev/null || true
		remove_cgroups "$i"
	done
	ip link del "$BRIDGE" 2>/dev/null || true
	remove_forward_rule
	if [ -d "$STATE" ]; then
		unmount_under "$STATE"
		rm -rf "$STATE"
	fi
	log "down"
}

cmd_env() {
	local n i nodes="" nss=""
	n="$(nodes_count)"
	[ "$n" -gt 0 ] || die "no lab is up ($STATE)"
	for i in $(seq 1 "$n"); do
		nodes="$nodes${nodes:+,}$(sock "$i")"
		nss="$nss${nss:+,}/var/run/netns/$(netns "$i")"
	done
	local reg=""
	registry_pid >/dev/null && reg=";registry=$REGISTRY"
	echo "manager=$(sock 1);nodes=$nodes;netns=$nss;state=$STATE;script=$SELF$reg"
}

cmd_status() {
	local n i pid
	n="$(nodes_count)"
	[ "$n" -gt 0 ] || { echo "no lab is up ($STATE)"; return 1; }
	for i in $(seq 1 "$n"); do
		if pid="$(daemon_pid "$i")"; then
			echo "n$i  $NET.$i  dockerd pid $pid  $(sock "$i")  swarm: $(local_state "$i")"
		else
			echo "n$i  $NET.$i  dockerd not running"
		fi
	done
	if pid="$(registry_pid)"; then echo "registry  $REGISTRY  pid $pid"; else echo "registry  not running"; fi
	dk 1 node ls 2>/dev/null || echo "manager does not answer"
}

node_arg() {
	local i=${1:-} n
	n="$(nodes_count)"
	[[ "$i" =~ ^[0-9]+$ ]] && [ "$i" -ge 1 ] && [ "$i" -le "$n" ] || die "node must be 1..$n, got '$i'"
	echo "$i"
}

main() {
	[ "$(id -u)" = 0 ] || die "needs root (network namespaces, iptables, dockerd)"
	local cmd=${1:-}
	shift || true
	case "$cmd" in
	up) cmd_up "$@" ;;
	down) cmd_down ;;
	env) cmd_env ;;
	status) cmd_status ;;
	kill) kill_node "$(node_arg "$@")" ;;
	start)
		i="$(node_arg "$@")"
		start_daemon "$i"
		wait_daemon "$i"
		;;
	*) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
}

main "$@"
