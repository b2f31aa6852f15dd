#!/usr/bin/env bash
# Run everything CI runs: build the book (warnings are errors), then the whole pytest suite
# (notebooks, package/notebook sync, contract suite over the registry, the rendered book in Chromium).
# Usage: bash tools/test.sh [extra pytest arguments]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
start=$SECONDS
bash tools/book.sh
echo "== book built in $((SECONDS - start)) s"
python -m pytest -n 2 --durations=15 -ra "$@"
echo "== all tests done in $((SECONDS - start)) s"
