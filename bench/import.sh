#!/usr/bin/env bash
# import.sh compares the whole-program import of a generated CSV (default
# 1,000,000 rows, all nine fields) with the sqlite3 command-line tool's
# .import of the same file into a plain table, in one run, and prints both
# throughputs, the ratio and Salesplan's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gencsv" ./bench/gencsv
go build -o "$tmp/importbench" ./bench/importbench
"$tmp/gencsv" -rows "$rows" -out "$tmp/sales.csv"
echo "file: $(du -h "$tmp/sales.csv" | cut -f1), $rows rows"

t0=$(date +%s.%N)
sqlite3 "$tmp/plain.db" ".mode csv" ".import $tmp/sales.csv sales"
t1=$(date +%s.%N)
sq=$(awk "BEGIN{print $rows / ($t1 - $t0)}")
echo "sqlite3 .import: $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s, $(printf '%.0f' "$sq") rows/s"

out=$("$tmp/importbench" -csv "$tmp/sales.csv" -db "$tmp/ws.salesplan")
echo "salesplan import: $out"
sp=$(echo "$out" | sed -n 's/.*rows_per_s=\([0-9.]*\).*/\1/p')
echo "ratio salesplan/sqlite3: $(awk "BEGIN{printf \"%.0f %%\", 100 * $sp / $sq}")"
