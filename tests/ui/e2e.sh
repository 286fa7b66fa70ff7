#!/usr/bin/env bash
# End-to-end test of the viewer's real window for the data-loss problems of issues 16 and 24: xdotool moves the
# mouse, clicks and types like a planner; the viewer's --probe file says where its widgets are and what its
# state is; the session files on disk are checked after each quit.
# Usage: HEADLESS_SCREEN=1280x800x24 bash tests/headless.sh bash tests/ui/e2e.sh VIEWER CHAINS_DIR WORK_DIR
set -euo pipefail
viewer=$1 chains=$2 work=$3
rm -rf "$work" && mkdir -p "$work/home"
export HOME="$work/home"  # a new user: no ~/.config at all
unset XDG_CONFIG_HOME
config="$HOME/.config/chainatlas"
probe="$work/probe.txt"
pid=""
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# Waits up to 30 s until the probe file has a line matching the pattern (grep -E).
wait_probe() {
  for _ in $(seq 300); do
    grep -qE -- "$1" "$probe" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "--- probe file:"; cat "$probe" 2>/dev/null || true
  return 1
}
expect_probe() { if wait_probe "$1"; then ok "$2"; else fail "$2 (no line matching '$1')"; fi; }

# The number of the last frame the viewer drew (its probe file starts with "frame N").
frame() { awk '$1 == "frame" { print $2; exit }' "$probe" 2>/dev/null || true; }
# Waits until the viewer has drawn N more frames (at most 30 s): every input event below is held for two
# frames, so the viewer sees it however slow its frames are (ASan on a loaded machine: up to 0.5 s each).
wait_frames() {
  local from
  from=$(frame)
  for _ in $(seq 600); do
    local now
    now=$(frame)
    [ -n "$now" ] && [ -n "$from" ] && [ "$now" -ge $((from + $1)) ] && return 0
    kill -0 "$pid" 2>/dev/null || return 0  # the viewer quit (the key was Ctrl+Q): no frame will come
    sleep 0.05
  done
  echo "e2e: the viewer drew no frame for 30 s"
}

# With E2E_SHOTS=DIR set, the screen after a step as DIR/NN-NAME.png (xwd, netpbm), so a person can look at
# what a planner would have seen at each question; off in CI.
shots=0
shot() {
  [ -n "${E2E_SHOTS:-}" ] || return 0
  mkdir -p "$E2E_SHOTS"
  shots=$((shots + 1))
  wait_frames 3
  xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$E2E_SHOTS/$(printf %02d "$shots")-$1.png" || true
}

# Clicks the middle of a widget the viewer reported (rect NAME x y w h).
# A window that sizes itself (a modal question) moves on its second frame: the place is read until two reads
# two frames apart agree, so the click never lands on where a button was.
click() {
  wait_probe "^rect $1 " || { fail "widget $1 not on screen"; return 1; }
  local place previous="" _
  for _ in $(seq 20); do
    place=$(awk -v n="$1" '$1 == "rect" && $2 == n { print $3, $4, $5, $6 }' "$probe")
    [ -n "$place" ] && [ "$place" = "$previous" ] && break
    previous=$place
    wait_frames 2
  done
  read -r x y w h <<< "$place"
  xdotool mousemove --window "$window" $((x + w / 2)) $((y + h / 2))
  wait_frames 2
  xdotool mousedown 1
  wait_frames 2
  xdotool mouseup 1
  wait_frames 3
}
# A key or chord (ctrl+z), pressed and released at once: the viewer holds every press for one frame however
# short it was (viewer/platform/backend.cpp), while a key held across slow frames would repeat (ImGui's key repeat after
# 0.25 s, the X server's autorepeat): a path pasted twice, "abc" typed as "abbbbcc".
key() {
  xdotool key "$1"
  wait_frames 3
}
# ASCII text, one key at a time.
type_text() {
  local text=$1 i c
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case $c in  # keysym names for the punctuation of a path
      /) c=slash ;; .) c=period ;; -) c=minus ;; _) c=underscore ;; " ") c=space ;;
    esac
    key "$c"
  done
}
# Text of any script through the clipboard (xclip owns it, Ctrl+V pastes it): xdotool types a Chinese
# character by remapping a spare key for a moment, which a slow viewer reads after the mapping is gone.
# xclip claims the clipboard in the background: wait until it serves the new text, or Ctrl+V may paste the
# previous one (a path pasted as the last note's text fails to open and looks like a lost open).
paste_text() {
  printf '%s' "$1" | xclip -selection clipboard
  for _ in $(seq 100); do
    [ "$(xclip -o -selection clipboard 2>/dev/null)" = "$1" ] && break
    sleep 0.05
  done
  key ctrl+v
}
# Presses a chord until the probe shows the expected line (for steps that are harmless to repeat): an X
# server under load now and then delivers a quick chord's modifier after its key.
key_until() {
  for _ in 1 2 3; do
    key "$1"
    for _ in $(seq 100); do grep -qE -- "$2" "$probe" 2>/dev/null && return 0; sleep 0.1; done
  done
  echo "--- probe file:"; grep -v '^\(rect\|label\) ' "$probe" 2>/dev/null || true
  return 1
}

start() {
  rm -f "$probe"
  "$viewer" "$@" --width 1280 --height 800 --probe "$probe" > "$work/viewer.log" 2>&1 &
  pid=$!
  window=$(xdotool search --sync --onlyvisible --name ChainAtlas | head -1)
  wait_probe "^rect map " || fail "viewer did not draw its map"
}

wait_exit() {
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; return 0; }
    sleep 0.1
  done
  fail "viewer did not quit"
  kill "$pid" || true
}

count_assumptions() { grep -c '"firm"' "$1" 2>/dev/null || true; }
checksum() { md5sum < "$1" 2>/dev/null || echo none; }
wait_file() { for _ in $(seq 100); do [ -f "$1" ] && return 0; sleep 0.1; done; return 1; }
# Waits until the analysis in flight (if any) is back and shown.
settle() { wait_probe "^analysing 0$" || true; wait_frames 3; }
# Picks the focal region through the list's filter box.
pick_region() {
  click region-combo
  paste_text "$1"
  shot region-filter-$1
  click "region-$1"
  expect_probe "^region $1$" "focal region $1"
  settle
}

# Issue 24's lost-work paths, on nev.json just reopened from the recent list (its first region, Shanghai),
# with the session saved earlier as $first (Suzhou).
lost_work_paths() {
  local before second exotic csv_a csv_b sum_a sum_b today
  today=$(date +%F)
  # Ctrl+S after switching chains never writes the earlier session file; it asks for a name.
  before=$(checksum "$first")
  click assume-0
  expect_probe "^assumptions 1$" "a what-if on the reopened chain"
  expect_probe "^session-file $" "the reopened chain owns no session file"
  key_until ctrl+s "^dialogs open 0 session 1 " && ok "Ctrl+S after switching chains asks for a name" ||
    fail "Ctrl+S after switching chains did not ask"
  shot first-save-asks-a-name
  wait_frames 5
  [ "$(checksum "$first")" = "$before" ] && ok "the earlier session file is untouched" || fail "Ctrl+S rewrote $first"
  second="$docs/meeting-2.json"
  key ctrl+a
  paste_text "$second"
  key Return
  wait_file "$second" && ok "the session goes to the name given" || fail "no $second"
  expect_probe "^session-file $second$" "the state owns its new file"
  # A pasted note with an emoji and U+20000 is saved byte for byte.
  exotic="会见😀𠀀 ok"
  click note-1
  paste_text "$exotic"
  expect_probe "^note [^ ]+ $exotic$" "the pasted note reaches the state whole"
  key Escape
  click map
  for _ in 1 2 3; do  # Ctrl+S on the state's own file writes at once: harmless to repeat
    key ctrl+s
    for _ in $(seq 50); do grep -qF "$exotic" "$second" && break 2; sleep 0.1; done
  done
  grep -qF "$exotic" "$second" && ok "emoji and U+20000 saved byte for byte" || fail "note in the file: $(grep -A1 notes "$second")"
  # Saving over a file that holds another region asks first; Cancel leaves it as it was.
  pick_region weinan
  before=$(checksum "$second")
  key_until ctrl+s "^pending-write 1 " && ok "Ctrl+S over another region's session asks first" ||
    fail "Ctrl+S over another region's session did not ask"
  shot overwrite-question
  click overwrite-no
  expect_probe "^pending-write 0 " "Cancel closes the question"
  [ "$(checksum "$second")" = "$before" ] && ok "the other region's session is untouched" || fail "$second rewritten"
  # Exports: default names carry chain, region and date; another region's file is never overwritten silently.
  click menu-file
  click menu-export
  csv_a="$docs/nev-weinan-$today-targets.csv"
  expect_probe "^export-csv $csv_a$" "the export name carries chain, region and date"
  click export-csv
  wait_file "$csv_a" && ok "exported $csv_a" || fail "no $csv_a"
  sum_a=$(checksum "$csv_a")
  pick_region xian
  csv_b="$docs/nev-xian-$today-targets.csv"
  expect_probe "^export-csv $csv_b$" "after switching region the export name follows"
  click export-csv
  wait_file "$csv_b" && ok "exported $csv_b" || fail "no $csv_b"
  [ "$(checksum "$csv_a")" = "$sum_a" ] && ok "Weinan's export is untouched" || fail "Weinan's export overwritten"
  sum_b=$(checksum "$csv_b")
  click export-csv
  expect_probe "^pending-write 3 " "exporting over an existing file asks first"
  shot export-overwrite-question
  click overwrite-no
  [ "$(checksum "$csv_b")" = "$sum_b" ] && ok "Cancel keeps the existing export" || fail "export overwritten"
  key Escape
  # A double-click on one assume box ticks one firm.
  settle
  local n
  n=$(awk '$1 == "assumptions" { print $2 }' "$probe")
  wait_probe "^rect assume-2 " || fail "no assume-2"
  read -r x y w h < <(awk '$1 == "rect" && $2 == "assume-2" { print $3, $4, $5, $6 }' "$probe")
  xdotool mousemove --window "$window" $((x + w / 2)) $((y + h / 2))
  wait_frames 2
  xdotool click --repeat 2 --delay 60 1
  wait_frames 3
  settle
  expect_probe "^assumptions $((n + 1))$" "a double-click on an assume box ticks one firm"
  shot double-click-ticked-one
}

# --- 1. Ctrl+Z typed in a note edits the note and leaves the what-ifs alone.
start "$chains/nev.json" --region suzhou --hub shanghai
click assume-0
expect_probe "^assumptions 1$" "ticking assume adds a what-if"
expect_probe "^rect assume-0 " "the assumed firm stays listed in the table"
click note-0
type_text "abc"
key ctrl+z
wait_frames 3
if grep -q "^assumptions 1$" "$probe"; then ok "Ctrl+Z inside a note keeps the what-if"; else fail "Ctrl+Z inside a note undid the what-if"; fi
key Escape  # leave the note field: Ctrl+Z is the viewer's again
click map
key_until ctrl+z "^assumptions 0$" && ok "Ctrl+Z outside a text field undoes the what-if" || fail "Ctrl+Z did not undo"
key_until ctrl+y "^assumptions 1$" && ok "Ctrl+Y redoes it" || fail "Ctrl+Y did not redo"
settle  # the rows move when the analysis is back: the note below is typed into a row that stays put

# --- 5. Chinese typed into a note is stored and every character is in the font.
note="重点跟进建议带队拜访签约"
click note-1
expect_probe "^typing 1$" "the note field takes the keyboard"
paste_text "$note"
expect_probe "^note [^ ]+ $note$" "Chinese typed into a note reaches the note"
expect_probe "^missing-glyphs 0$" "every typed character has a glyph"
key Escape

# --- 3. A new user's first Ctrl+S asks for a name: <chain>-<region>-<date>.json in ~/Documents (created on
# demand), never a hidden file in the config folder (issue 24).
docs="$HOME/Documents"
first="$docs/nev-suzhou-$(date +%F).json"
key_until ctrl+s "^dialogs open 0 session 1 " && ok "the first Ctrl+S asks for a name" || fail "Ctrl+S did not ask"
expect_probe "^session-field $first$" "the name offered is chain-region-date in ~/Documents"
[ ! -e "$config/planning-session.json" ] && [ ! -e "$first" ] && ok "nothing written before the name is given" ||
  fail "Ctrl+S wrote a session before asking"
click session-save
for _ in $(seq 50); do [ -f "$first" ] && break; sleep 0.1; done
if [ -f "$first" ]; then ok "session saved by name in a folder that did not exist"; else fail "no $first"; fi
[ "$(count_assumptions "$first")" = 1 ] && ok "the saved session holds the what-if" || fail "saved session: $(cat "$first" 2>/dev/null)"
grep -q "$note" "$first" && ok "the saved session holds the note" || fail "note not saved"
expect_probe "^session-file $first$" "the state owns the file it was saved to"

# --- 2. Quitting never writes over the session saved by name; the last-session file always follows.
click assume-1
expect_probe "^assumptions 2$" "a second what-if"
# --- 6. ... and quitting with unsaved what-ifs asks first.
key_until ctrl+q "^pending 3$" && ok "quitting with unsaved what-ifs asks first" || fail "Ctrl+Q did not ask"
click confirm-discard
wait_exit
[ "$(count_assumptions "$first")" = 1 ] && ok "the session saved by name is unchanged by quitting" || fail "quit wrote over the named session"
[ "$(count_assumptions "$config/last-session.json")" = 2 ] && ok "the last-session file holds the state at quit" || fail "last-session: $(cat "$config/last-session.json" 2>/dev/null)"

# --- 6. Opening another chain with unsaved what-ifs asks; Cancel keeps everything.
start  # no file: the last session comes back
expect_probe "^file .*/nev.json$" "the last session reopens"
expect_probe "^assumptions 2$" "with its what-ifs"
key_until ctrl+o "^typing 1$" || fail "Ctrl+O gave no path field"
paste_text "$chains/biomedicine.json"
key_until Return "^pending 1$" && ok "opening another chain with unsaved what-ifs asks first" || fail "the open did not ask"
click confirm-cancel
expect_probe "^pending 0$" "Cancel closes the question"
if grep -q "^assumptions 2$" "$probe" && grep -q "^file .*/nev.json$" "$probe"; then ok "Cancel keeps the chain and its what-ifs"; else fail "Cancel lost work"; fi
key_until ctrl+o "^typing 1$" || fail "Ctrl+O gave no path field"
key_until Return "^pending 1$" && ok "asked again" || fail "not asked again"
click confirm-discard
expect_probe "^file .*/biomedicine.json$" "Discard opens the other chain"

# --- 4. The recent list keeps whole, owned paths through a reopen, and across restarts.
click menu-file
click menu-recent
expect_probe "^rect recent-1 " "the recent menu lists two files"
click recent-1
expect_probe "^file .*/nev.json$" "a recent file reopens"
wait_frames 3
mapfile -t recent < <(awk '$1 == "recent" { print $2 }' "$probe")
[ "${recent[0]:-}" = "$chains/nev.json" ] && [ "${recent[1]:-}" = "$chains/biomedicine.json" ] && ok "recent entries stay whole paths" ||
  fail "recent list after reopening: ${recent[*]:-}"
lost_work_paths  # issue 24, on the chain just reopened
key_until ctrl+q "^pending 3$" && ok "quitting asks about the new what-ifs" || fail "Ctrl+Q did not ask"
click confirm-discard
wait_exit
grep -q "biomedicine.json" "$config/recent.json" && grep -q "nev.json" "$config/recent.json" && ok "recent files written to the config folder" || fail "recent.json: $(cat "$config/recent.json" 2>/dev/null)"
start
expect_probe "^recent .*/biomedicine.json$" "the recent list survives a restart"
key_until ctrl+q "^pending 3$" && ok "the restored what-ifs are unsaved work: quitting asks" || fail "Ctrl+Q did not ask"
click confirm-discard
wait_exit

echo "e2e: $failures failed"
[ "$failures" -eq 0 ]
