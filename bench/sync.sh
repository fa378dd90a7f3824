#!/usr/bin/env bash
# sync.sh runs the sync benchmarks of issue 17 once each and prints their
# figures: applying 10,000 changed rows (goal < 1 s), a new device catching
# up on 50,000 changes from three devices (goal < 5 s) and a 1M-row history
# batch travelling as one compressed file (its size in MB and bytes/sale).
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 10 go test ./data -run '^$' -bench 'Apply10000ChangedRows|NewDeviceCatchesUp50000Changes|MillionRowHistoryBatchTravels' \
	-benchtime "${BENCHTIME:-1x}" -timeout 30m
