#!/usr/bin/env bash
# smoke.sh starts the real binary (race-enabled, sharing the test build
# cache) under Xvfb with a temporary workspace, waits until its window is
# mapped, sends SIGTERM and checks that the workspace is intact.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "smoke: building"
go build -race -o "$tmp/salesplan" .
bin="$tmp/salesplan"
ws="$tmp/ws.salesplan"
export LANG=${LANG:-C.UTF-8}

"$bin" --db "$ws" plans create --business "Smoke Ltd" --title "Smoke plan 2027" --start 2027-01 --json > "$tmp/created.json"
id=$(sed -n 's/^  "id": "\([^"]*\)".*/\1/p' "$tmp/created.json")
[ -n "$id" ] || { echo "smoke: FAIL: plans create printed no ID"; cat "$tmp/created.json"; exit 1; }

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do
  xdpyinfo -display "$display" >/dev/null 2>&1 && break
  sleep 0.1
done

start=$(date +%s.%N)
DISPLAY="$display" "$bin" --db "$ws" > "$tmp/gui.log" 2>&1 &
app_pid=$!
mapped=""
for _ in $(seq 1 600); do
  if DISPLAY="$display" xdotool search --onlyvisible --name "Salesplan" >/dev/null 2>&1; then
    mapped=yes
    break
  fi
  if ! kill -0 "$app_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
end=$(date +%s.%N)
if [ -z "$mapped" ]; then
  echo "smoke: FAIL: the window was not shown"; cat "$tmp/gui.log"; exit 1
fi
echo "smoke: window mapped $(awk "BEGIN{printf \"%.2f\", $end - $start}") s after exec"
sleep 2
kill -TERM "$app_pid"
status=0
wait "$app_pid" || status=$?
app_pid=""
if [ "$status" -ne 0 ]; then
  echo "smoke: FAIL: exit status $status after SIGTERM"; cat "$tmp/gui.log"; exit 1
fi
if grep -q "DATA RACE\|panic:" "$tmp/gui.log"; then
  echo "smoke: FAIL: race or panic"; cat "$tmp/gui.log"; exit 1
fi

check=$(sqlite3 "$ws" "PRAGMA integrity_check")
[ "$check" = "ok" ] || { echo "smoke: FAIL: integrity_check: $check"; exit 1; }
"$bin" --db "$ws" plans list --json | grep -q "\"id\": \"$id\"" || { echo "smoke: FAIL: plan lost"; exit 1; }
width=$(sqlite3 "$ws" "SELECT value FROM settings WHERE key='window.width'")
[ -n "$width" ] || { echo "smoke: FAIL: window size not saved on SIGTERM"; exit 1; }
"$bin" --db "$ws" export pdf --plan "$id" --out "$tmp/smoke.pdf" >/dev/null
qpdf --check "$tmp/smoke.pdf" >/dev/null
echo "smoke: ok (window shown, SIGTERM handled, workspace intact, PDF valid)"
