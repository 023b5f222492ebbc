#!/usr/bin/env bash
# bench-simpy.sh: berth's simulator against SimPy on the same M/M/4 at
# ρ = 0.9 (λ = 3.6, μ = 1), measured in one run, round after round, so the
# ratio holds on a shared, noisy machine.
#
#   scripts/bench-simpy.sh [ROUNDS] [SIMPY_SCRIPT]
#
# ROUNDS defaults to 5. SIMPY_SCRIPT defaults to $BERTH_SIMPY, then
# ../shared/anchors/simpy_mmc.py; it runs under /usr/bin/python3 with
# Debian's python3-simpy3 (apt-get install python3-simpy3). Each round runs
# BenchmarkMMc (1,000,000 customers) once and SimPy on 200,000 customers,
# and records customers per second of CPU time (user + system) and of wall
# time for both. It prints min/median/max of each and of the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-5}"
simpy="${2:-${BERTH_SIMPY:-../shared/anchors/simpy_mmc.py}}"
[ -f "$simpy" ] || { echo "bench-simpy: no SimPy script at $simpy (pass its path)" >&2; exit 1; }
/usr/bin/python3 -c 'import simpy' 2>/dev/null || { echo "bench-simpy: python3-simpy3 is not installed" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/simulate.test" ./simulate/

n_simpy=200000
# cpu_rate COUNT SECONDS → customers per second
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

for r in $(seq "$rounds"); do
	# berth: the benchmark prints customers/s (wall) and cpu-ns/customer.
	line="$(cd simulate && "$tmp/simulate.test" -test.run '^$' -test.bench '^BenchmarkMMc$' -test.benchtime 1x | grep '^BenchmarkMMc')"
	bw="$(echo "$line" | awk '{ for (i = 1; i < NF; i++) if ($(i+1) == "customers/s") print $i }')"
	bns="$(echo "$line" | awk '{ for (i = 1; i < NF; i++) if ($(i+1) == "cpu-ns/customer") print $i }')"
	bc="$(awk -v ns="$bns" 'BEGIN { printf "%.0f", 1e9 / ns }')"
	# SimPy: its own wall rate, and CPU time from /usr/bin/time.
	out="$(/usr/bin/time -f 'cpu %U %S' /usr/bin/python3 "$simpy" "$n_simpy" 3.6 1 4 "$r" 2>&1)"
	sw="$(echo "$out" | sed -n 's/.*req\/s=\([0-9,]*\).*/\1/p' | tr -d ,)"
	scpu="$(echo "$out" | awk '/^cpu / { print $2 + $3 }')"
	sc="$(rate "$n_simpy" "$scpu")"
	echo "$r $bc $bw $sc $sw" >>"$tmp/rounds"
	printf 'round %d: berth %s/s CPU, %s/s wall; SimPy %s/s CPU, %s/s wall; ratio %.1f× CPU, %.1f× wall\n' \
		"$r" "$bc" "$bw" "$sc" "$sw" "$(awk -v a="$bc" -v b="$sc" 'BEGIN { print a / b }')" "$(awk -v a="$bw" -v b="$sw" 'BEGIN { print a / b }')"
done

# stat COLUMN-EXPRESSION NAME: min/median/max over the rounds.
stat() {
	awk "{ print $1 }" "$tmp/rounds" | sort -g | awk -v name="$2" '
		{ v[NR] = $1 }
		END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%-28s min %12.1f  median %12.1f  max %12.1f\n", name, v[1], m, v[NR] }'
}
echo
echo "M/M/4, rho = 0.9, $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
stat '$2' "berth customers/s (CPU)"
stat '$4' "SimPy customers/s (CPU)"
stat '$2 / $4' "ratio (CPU)"
stat '$3' "berth customers/s (wall)"
stat '$5' "SimPy customers/s (wall)"
stat '$3 / $5' "ratio (wall)"
