#!/usr/bin/env bash
# pdf.sh times the whole process of `salesplan export pdf` on the demo plan
# (every section, branded, all charts), best and median of 7 runs, and
# prints the page and chart counts; it checks that two runs give the same
# bytes. Goal (issue 16): under 1 s, aim 0.5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/salesplan" .
sp() { "$tmp/salesplan" --db "$tmp/demo.salesplan" "$@"; }
plan=$(sp demo)
sp plans brand --plan "$plan" --prepared-by "Bench Consulting" --prepared-for "Bench client" \
	--confidential "Confidential" --color "#1B5E20" >/dev/null
ts=()
for i in 1 2 3 4 5 6 7; do
	a=$(date +%s%N)
	sp export pdf --plan "$plan" --out "$tmp/plan$i.pdf" >/dev/null
	b=$(date +%s%N)
	ts+=($(((b - a) / 1000000)))
done
cmp -s "$tmp/plan1.pdf" "$tmp/plan7.pdf" || { echo "two exports differ" >&2; exit 1; }
pages=$(qpdf --show-npages "$tmp/plan1.pdf" 2>/dev/null || pdfinfo "$tmp/plan1.pdf" | awk '/^Pages:/{print $2}')
charts=$(pdfimages -list "$tmp/plan1.pdf" 2>/dev/null | awk 'NR>2 && $3=="image" && $1>1' | wc -l)
size=$(wc -c <"$tmp/plan1.pdf")
printf '%s\n' "${ts[@]}" | sort -n | awk -v p="$pages" -v c="$charts" -v s="$size" \
	'{v[NR]=$1} END{printf "export pdf, demo plan: best %d ms, median %d ms; %d pages, %d charts, %d KB; two runs identical\n", v[1], v[4], p, c, s/1024}'
