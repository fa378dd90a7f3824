#!/usr/bin/env bash
# import.sh compares the whole-program import of a generated CSV (default
# 1,000,000 rows, all nine fields) with the sqlite3 command-line tool's
# .import of the same file into a plain table, in one run, for a file in
# date order and one in random date order, and prints both throughputs, the
# ratio and Salesplan's peak memory for each.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gencsv" ./bench/gencsv
go build -o "$tmp/importbench" ./bench/importbench
for order in date random; do
	csv="$tmp/sales-$order.csv"
	"$tmp/gencsv" -rows "$rows" -order "$order" -out "$csv"
	echo "== $order order: $(du -h "$csv" | cut -f1), $rows rows"

	rm -f "$tmp/plain.db"
	t0=$(date +%s.%N)
	sqlite3 "$tmp/plain.db" ".mode csv" ".import $csv sales"
	t1=$(date +%s.%N)
	sq=$(awk "BEGIN{print $rows / ($t1 - $t0)}")
	echo "sqlite3 .import: $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s, $(printf '%.0f' "$sq") rows/s"

	out=$("$tmp/importbench" -csv "$csv" -db "$tmp/ws.salesplan")
	echo "salesplan import: $out"
	sp=$(echo "$out" | sed -n 's/.*rows_per_s=\([0-9.]*\).*/\1/p')
	echo "ratio salesplan/sqlite3 ($order order): $(awk "BEGIN{printf \"%.2f\", $sp / $sq}")"
	rm -f "$csv" "$tmp/plain.db" "$tmp"/ws.salesplan*
done
