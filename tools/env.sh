# Sourced by tools/book.sh and tools/test.sh: make ./.venv with the pinned toolchain and the package
# installed in editable mode. Re-installs only when a requirements or packaging file changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  python3 -m venv "$VENV"
fi
STAMP="$VENV/.attn_nbs-installed"
WANT="$(cat requirements-dev.txt constraints.txt settings.ini setup.py pyproject.toml | sha256sum | cut -c1-16)"
# pip byte-compiles at install (no --no-compile): these machines set PYTHONDONTWRITEBYTECODE=1, so a
# package installed without its .pyc files is compiled again by every kernel that imports it.
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
  echo "== installing the pinned toolchain into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt -c constraints.txt 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c "import torch, nbdev, jupyter_book, attn_nbs" || { echo "the install failed"; exit 1; }
  echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
