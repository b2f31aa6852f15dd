#!/usr/bin/env bash
# Build the book: export the package from the notebooks, execute every notebook, render the site.
# Fails on any error or warning. Usage: bash tools/book.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# MathJax from the npm registry, served with the book so that math renders offline.
MJ=3.2.2
if [ ! -f .book_static/mathjax/tex-mml-chtml.js ] || [ "$(cat .book_static/mathjax/.version 2>/dev/null)" != "$MJ" ]; then
  echo "== fetching MathJax $MJ"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "mathjax@$MJ" >/dev/null 2>&1)
  tar -xzf "$tmp/mathjax-$MJ.tgz" -C "$tmp"
  rm -rf .book_static/mathjax && mkdir -p .book_static
  cp -r "$tmp/package/es5" .book_static/mathjax
  echo "$MJ" > .book_static/mathjax/.version
  rm -rf "$tmp"
fi

echo "== nbdev_export"
nbdev_export

# Jupyter Book re-executes only the notebooks whose own code changed. A change to the package (a shared
# helper such as the diagram) changes other pages' output too, so it clears the execution cache.
# tests/test_notebooks.py reads the cache (each notebook executes once per test run) only while the
# package still has the hash stamped here.
PKG="$(python tools/package_hash.py)"
if [ "$(cat _build/.attn_nbs-package 2>/dev/null || true)" != "$PKG" ]; then
  rm -rf _build/.jupyter_cache _build/.doctrees
  mkdir -p _build && echo "$PKG" > _build/.attn_nbs-package
fi
# Execute what the cache lacks, one notebook per core; the build then reads every result from the cache.
python tools/execute_notebooks.py
echo "== jupyter-book build (warnings are errors)"
jupyter-book build . --warningiserror --keep-going --builder html
echo
echo "The book is built: open file://$ROOT/_build/html/index.html"
