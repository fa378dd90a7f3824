#!/usr/bin/env bash
# overview.sh builds a workspace with a large sales history (default
# 2,000,000 rows over five years, 2021–2025, all nine fields, random row
# order) and times the whole process of `salesplan show --step overview
# --json` and `--step situation --json` on it (best and median of 5 runs),
# against the same commands on the demo workspace; for a plan from 2026
# (the history ends before it) and one from Jul 2025 (six months of
# actuals, six forecast). Then it times the dashboard in the window (Fyne's
# test driver): a click on Overview until the tiles and all four charts
# are shown, the first click (which fits the forecast, as after an import)
# and the clicks after it (views/overview BenchmarkDashboardShown).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-2000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gencsv" ./bench/gencsv
go build -o "$tmp/salesplan" .
sp() { "$tmp/salesplan" --db "$1" "${@:2}" 2>/dev/null; }
"$tmp/gencsv" -rows "$rows" -order random -out "$tmp/sales.csv"
plan=$(sp "$tmp/big.salesplan" plans create --business Bench --title "Plan" --start 2026-01 --json | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -1)
running=$(sp "$tmp/big.salesplan" plans create --business Bench --title "Running plan" --start 2025-07 --json | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -1)
t0=$(date +%s.%N)
sp "$tmp/big.salesplan" import sales "$tmp/sales.csv" --plan "$plan" >/dev/null
t1=$(date +%s.%N)
rm -f "$tmp/sales.csv"
echo "workspace: $rows rows imported in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
demo=$(sp "$tmp/demo.salesplan" demo)

# time5 prints the best and median wall time of 5 runs of a command, and
# the median CPU time (user + system, which a busy machine does not
# inflate), in ms.
time5() {
	local ts=() cs=()
	for _ in 1 2 3 4 5; do
		local a b
		a=$(date +%s%N)
		/usr/bin/time -f "%U %S" -o "$tmp/cpu" "$@" >/dev/null 2>&1
		b=$(date +%s%N)
		ts+=($(((b - a) / 1000000)))
		cs+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$tmp/cpu"))
	done
	local wall cpu
	wall=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{v[NR]=$1} END{printf "best %d ms, median %d ms", v[1], v[3]}')
	cpu=$(printf '%s\n' "${cs[@]}" | sort -n | awk '{v[NR]=$1} END{printf "%d", v[3]}')
	echo "$wall wall; median CPU $cpu ms"
}
for step in overview situation; do
	echo "show --step $step --json, $rows rows: $(time5 "$tmp/salesplan" --db "$tmp/big.salesplan" show --plan "$plan" --step $step --json)"
	echo "show --step $step --json, demo:       $(time5 "$tmp/salesplan" --db "$tmp/demo.salesplan" show --plan "$demo" --step $step --json)"
done
echo "show --step overview --json, $rows rows, plan running since Jul 2025: $(time5 "$tmp/salesplan" --db "$tmp/big.salesplan" show --plan "$running" --step overview --json)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for p in "$plan" "$running"; do
	echo "dashboard in the window, plan $p:"
	SALESPLAN_BENCH_WS="$tmp/big.salesplan" SALESPLAN_BENCH_PLAN="$p" go test ./views/overview -run '^$' -bench DashboardShown -benchtime 20x | grep -E 'Benchmark|FAIL|ok'
done
