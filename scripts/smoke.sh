#!/usr/bin/env bash
# smoke.sh starts the real binary (race-enabled, sharing the test build
# cache) under Xvfb with a temporary workspace, waits until its window is
# mapped, sends SIGTERM and checks that the workspace is intact. Every wait
# has a timeout, so a hung application fails the test instead of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -KILL "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# t SECONDS CMD...: run CMD, killed after SECONDS.
t() { local s=$1; shift; timeout -k 5 "$s" "$@"; }

echo "smoke: building"
t 1200 go build -race -o "$tmp/salesplan" .
bin="$tmp/salesplan"
ws="$tmp/ws.salesplan"
export LANG=${LANG:-C.UTF-8}

# A successful command prints nothing on stderr (also under LANG=C.UTF-8).
LANG=C.UTF-8 t 60 "$bin" --db "$ws" plans create --business "Smoke Ltd" --title "Smoke plan 2027" --start 2027-01 --json > "$tmp/created.json" 2> "$tmp/create.err"
if [ -s "$tmp/create.err" ]; then
  echo "smoke: FAIL: plans create wrote on stderr:"; cat "$tmp/create.err"; exit 1
fi
id=$(sed -n 's/^  "id": "\([^"]*\)".*/\1/p' "$tmp/created.json")
[ -n "$id" ] || { echo "smoke: FAIL: plans create printed no ID"; cat "$tmp/created.json"; exit 1; }

# Without a display the window is refused with a sentence, not a panic.
status=0
env -u DISPLAY -u WAYLAND_DISPLAY timeout -k 5 30 "$bin" --db "$ws" > "$tmp/nodisplay.log" 2>&1 || status=$?
if [ "$status" -ne 1 ] || ! grep -q "needs a graphical display" "$tmp/nodisplay.log" || grep -q "panic\|goroutine" "$tmp/nodisplay.log"; then
  echo "smoke: FAIL: without a display: exit $status"; cat "$tmp/nodisplay.log"; exit 1
fi

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do
  t 2 xdpyinfo -display "$display" >/dev/null 2>&1 && break
  sleep 0.1
done

start=$(date +%s.%N)
DISPLAY="$display" "$bin" --db "$ws" > "$tmp/gui.log" 2>&1 &
app_pid=$!
mapped=""
for _ in $(seq 1 600); do
  if DISPLAY="$display" t 2 xdotool search --onlyvisible --name "Salesplan" >/dev/null 2>&1; then
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
# The app ends itself at most 2 s after saving; allow 15 s, then kill it.
( sleep 15; kill -KILL "$app_pid" 2>/dev/null ) &
killer=$!
status=0
term=$(date +%s.%N)
wait "$app_pid" || status=$?
gone=$(date +%s.%N)
kill "$killer" 2>/dev/null || true
wait "$killer" 2>/dev/null || true
app_pid=""
echo "smoke: exited $(awk "BEGIN{printf \"%.2f\", $gone - $term}") s after SIGTERM"
if [ "$status" -eq 137 ]; then
  echo "smoke: FAIL: the app did not exit within 15 s after SIGTERM"; cat "$tmp/gui.log"; exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "smoke: FAIL: exit status $status after SIGTERM"; cat "$tmp/gui.log"; exit 1
fi
if grep -q "DATA RACE\|panic:" "$tmp/gui.log"; then
  echo "smoke: FAIL: race or panic"; cat "$tmp/gui.log"; exit 1
fi

# A workspace in a missing folder: the window says so and offers another.
DISPLAY="$display" "$bin" --db "$tmp/missing/ws.salesplan" > "$tmp/chooser.log" 2>&1 &
app_pid=$!
mapped=""
for _ in $(seq 1 300); do
  if DISPLAY="$display" t 2 xdotool search --onlyvisible --name "choose a workspace" >/dev/null 2>&1; then
    mapped=yes
    break
  fi
  sleep 0.1
done
kill -TERM "$app_pid" 2>/dev/null || true
( sleep 15; kill -KILL "$app_pid" 2>/dev/null ) &
killer=$!
wait "$app_pid" || true
kill "$killer" 2>/dev/null || true
wait "$killer" 2>/dev/null || true
app_pid=""
if [ -z "$mapped" ]; then
  echo "smoke: FAIL: no chooser window for a workspace in a missing folder"; cat "$tmp/chooser.log"; exit 1
fi
[ ! -e "$tmp/missing" ] || { echo "smoke: FAIL: the missing folder was created"; exit 1; }

check=$(t 60 sqlite3 "$ws" "PRAGMA integrity_check")
[ "$check" = "ok" ] || { echo "smoke: FAIL: integrity_check: $check"; exit 1; }
t 60 "$bin" --db "$ws" check >/dev/null || { echo "smoke: FAIL: salesplan check"; exit 1; }
t 60 "$bin" --db "$ws" plans list --json | grep -q "\"id\": \"$id\"" || { echo "smoke: FAIL: plan lost"; exit 1; }
width=$(t 60 sqlite3 "$ws" "SELECT value FROM settings WHERE key='window.width'")
[ -n "$width" ] || { echo "smoke: FAIL: window size not saved on SIGTERM"; cat "$tmp/gui.log"; exit 1; }
t 120 "$bin" --db "$ws" export pdf --plan "$id" --out "$tmp/smoke.pdf" >/dev/null
t 60 qpdf --check "$tmp/smoke.pdf" >/dev/null
# Exporting over the workspace is refused and leaves it intact.
if t 60 "$bin" --db "$ws" export pdf --plan "$id" --out "$ws" >/dev/null 2>&1; then
  echo "smoke: FAIL: export over the workspace was accepted"; exit 1
fi
t 60 "$bin" --db "$ws" check >/dev/null || { echo "smoke: FAIL: workspace damaged by a refused export"; exit 1; }
echo "smoke: ok (window shown, SIGTERM handled, workspace intact, PDF valid, no stderr under C.UTF-8, chooser for a missing folder)"
