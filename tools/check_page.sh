#!/usr/bin/env bash
# The contributor's inner loop for one page (about a minute): export the package, clean the notebook,
# run it top to bottom, run the contract suite and the repository checks on the keys it registers, and
# render that page alone with the book's configuration. The full suite stays `bash tools/test.sh`.
# Usage: bash tools/check_page.sh nbs/<family>/<key>.ipynb
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
NB="${1:?usage: bash tools/check_page.sh nbs/<family>/<key>.ipynb}"
NB="${NB#./}"
[ -f "$NB" ] || { echo "check_page: no such notebook: $NB"; exit 2; }
PAGE="${NB%.ipynb}"
start=$SECONDS
step() { echo; echo "== $1"; }
fail() { echo; echo "check_page: FAILED at: $1"; echo "$2"; exit 1; }

step "export and clean"
nbdev_export || fail "nbdev_export" "fix the #| export cells named above"
nbdev_clean --fname "$NB"

step "run $NB top to bottom"
(cd "$(dirname "$NB")" && nbdev_test --path "$(basename "$NB")") \
  || fail "running the notebook" "the traceback above names the failing cell"

KEYS="$(python -c "
import sys, attn_nbs
page = sys.argv[1].removeprefix('nbs/')
print(','.join(k for k in attn_nbs.list_modules() if attn_nbs.get_info(k).page == page))
" "$PAGE")"
if [ -n "$KEYS" ]; then
  step "contract suite and repository checks on: $KEYS"
  ATTN_NBS_KEYS="$KEYS" python -m pytest -q -n 0 -p no:cacheprovider tests/test_contract.py \
    "tests/test_repo.py::test_paper_page_follows_the_skeleton" \
    "tests/test_repo.py::test_parameter_count_matches_the_paper" \
    "tests/test_repo.py::test_every_registered_module_has_a_notebook_and_a_spec" \
    || fail "the contract suite" "each failure names the check; its docstring in nbs/core/contract.ipynb says what it wants"
else
  echo "(the page registers no module: no contract checks)"
fi

step "render the page"
# The page alone is the root of a one-page book with the book's configuration. Links to other pages
# cannot resolve in it, so those warnings are dropped; any other warning fails, as in the full build.
OUT="$ROOT/_build/page"
TOC="$(mktemp --suffix=.yml)"
LOG="$(mktemp)"
printf 'format: jb-book\nroot: %s\n' "$PAGE" > "$TOC"
jupyter-book build . --toc "$TOC" --path-output "$OUT" --builder html --keep-going > "$LOG" 2>&1 || true
WARN="$(grep -E "WARNING|ERROR|Error" "$LOG" | grep -v -E "xref_missing|Unknown source document|Kernel is running over TCP" || true)"
rm -f "$TOC"
[ -f "$OUT/_build/html/$PAGE.html" ] || { cat "$LOG"; fail "rendering" "the page was not written; see the log above"; }
[ -z "$WARN" ] || fail "rendering" "$WARN"
rm -f "$LOG"
echo
echo "check_page: $NB passed in $((SECONDS - start)) s. The page: file://$OUT/_build/html/$PAGE.html"
echo "Before a pull request: .venv/bin/python tools/readme_table.py, then bash tools/test.sh"
