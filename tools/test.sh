#!/usr/bin/env bash
# Run everything CI runs: build the book (warnings are errors), then the whole pytest suite
# (notebooks, package/notebook sync, contract suite over the registry, the rendered book in Chromium).
# Usage: bash tools/test.sh [extra pytest arguments]
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start=$SECONDS
# The timm environment (for tests/test_pretrained.py) installs in the background from the start, beside
# the main environment's install and the book build (mostly unpacking wheels from disk).
mkdir -p "$HERE/../_build"
(bash "$HERE/timm_env.sh" > "$HERE/../_build/timm_env.log" 2>&1; echo $? > "$HERE/../_build/timm_env.rc") &
timm_job=$!
source "$HERE/env.sh"
# Each notebook executes once: the book build executes it (into its execution cache), and
# tests/test_notebooks.py reads the result, one item per notebook. A notebook that fails does not stop
# the build; the build fails at its end and the tests still run, so they name every broken notebook.
book=0
bash tools/book.sh || book=$?
echo "== environment and book ready in $((SECONDS - start)) s (status $book)"
tests=0
python -m pytest -n 2 --durations=15 -ra "$@" || tests=$?
echo "== pretrained weights against timm, in .venv-timm"
wait "$timm_job" || true
if [ "$(cat _build/timm_env.rc)" != 0 ]; then
  cat _build/timm_env.log; echo "the timm environment failed to install"; tests=1
else
  PYTHONPATH="$ROOT" .venv-timm/bin/python -m pytest -q -n 2 -p no:cacheprovider -ra \
    tests/test_pretrained.py || tests=$?
fi
echo "== all tests done in $((SECONDS - start)) s"
if [ "$book" -ne 0 ]; then
  echo "the book build failed (its log is above; tests/test_notebooks.py names the broken notebooks)"
  exit "$book"
fi
exit "$tests"
