#!/usr/bin/env bash
# Captures one screen of the real Claude Code CLI, offline, as a fixture: starts it in tmux
# (120x40) through test/claude-code/offline-claude.sh, types <task>, waits for <regex> on the
# screen, and saves `capture-pane -e` (escapes) and plain text as <out>.ansi.txt / <out>.txt.
# Usage: scripts/capture-claude-screen.sh <claude> <out> <task> <regex> [claude args...]
#   <task> "-": type nothing, capture a start-up dialog. WITH_MCP=1 adds scripts/fixture-mcp.json as .mcp.json
#   (the notes server); MCP_APPROVED=1 also approves it, so a task can call its tool.
set -euo pipefail
claude=$1 out=$2 task=$3 want=$4
shift 4
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
mkdir -p "$tmp/work" "$tmp/home"
printf 'alpha\nsecond line\n' > "$tmp/work/edit-me.txt"
if [ -n "${WITH_MCP:-}" ]; then
  sed "s#MCP_SERVER_PATH#$root/test/claude-code/mcp-notes-server.mjs#" "$root/scripts/fixture-mcp.json" > "$tmp/work/.mcp.json"
fi
sock="capture-$$"
tmux -L "$sock" -f /dev/null new-session -d -s c -x 120 -y 40 "'$root/test/claude-code/offline-claude.sh' '$claude' '$tmp/work' '$tmp/home' '$tmp/mock.log' $* ; sleep 600"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for() {
  for _ in $(seq 1 300); do
    tmux -L "$sock" capture-pane -p -t c | grep -qE "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for /$1/ on:" >&2
  tmux -L "$sock" capture-pane -p -t c >&2
  return 1
}
if [ -n "${PRE_KEYS:-}" ]; then
  wait_for "${PRE_WAIT:-.}"
  for k in $PRE_KEYS; do tmux -L "$sock" send-keys -t c "$k"; sleep 0.3; done
fi
if [ "$task" != "-" ]; then
  wait_for '(\? for shortcuts|for agents)'
fi
if [ -n "$task" ] && [ "$task" != "-" ]; then
  tmux -L "$sock" send-keys -t c -l "$task"
  tmux -L "$sock" send-keys -t c Enter
fi
wait_for "$want"
sleep 0.5
tmux -L "$sock" capture-pane -p -e -t c > "$out.ansi.txt"
tmux -L "$sock" capture-pane -p -t c > "$out.txt"
grep -v '^\s*$' "$out.txt" | tail -25
