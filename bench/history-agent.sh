#!/bin/sh
# A bench agent that has been busy: 10,000 lines of history, then Claude Code's idle screen, then quiet.
seq 10000 | while read -r n; do echo "$n build output line with some words in it to fill the history"; done
cat "$1"
exec sleep 100000
