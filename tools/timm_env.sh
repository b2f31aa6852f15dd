#!/usr/bin/env bash
# Make ./.venv-timm: the PyPI torch + torchvision pair and timm, for tests/test_pretrained.py only.
# The package is not installed there: the tests import it from the repository (PYTHONPATH).
# Re-installs only when requirements-timm.txt changed. tools/test.sh starts this while the book builds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-timm"
STAMP="$VENV/.attn_nbs-installed"
WANT="$(sha256sum < "$ROOT/requirements-timm.txt" | cut -c1-16)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements-timm.txt" 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c "import timm, torchvision" || { echo "the timm environment failed to install"; exit 1; }
  echo "$WANT" > "$STAMP"
fi
