"""Every notebook runs top to bottom, one item per notebook, and each notebook executes once per
test run.

`bash tools/test.sh` builds the book first, and the book build executes every notebook (in a fresh
Jupyter kernel, the notebook's folder as working directory, as on Colab) into its execution cache,
`_build/.jupyter_cache`. An item here reads that cache rather than running the notebook again:

- the cache holds a successful execution of the notebook as it is now, with the package as it is
  now: the item passes;
- the book build's execution of this notebook failed: the item fails with the cell's traceback;
- neither (no book built, or the notebook or the package changed since): the item runs the
  notebook itself with nbdev, in a fresh interpreter, as before.
"""

import subprocess
import sys

import pytest

from conftest import ROOT, notebooks

CACHE = ROOT / "_build" / ".jupyter_cache"
PACKAGE_STAMP = ROOT / "_build" / ".attn_nbs-package"  # written by tools/book.sh
RUN = (
    "import sys; from pathlib import Path; from nbdev.test import test_nb; "
    "sys.exit(0 if test_nb(Path(sys.argv[1]))[0] else 1)"
)


def book_notebook(path) -> "nbformat.NotebookNode":  # noqa: F821
    "The notebook as the book executes it: nbdev directives turned into cell tags."
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        from nbdev_directives import read_book_notebook
    finally:
        sys.path.pop(0)
    return read_book_notebook(path)


@pytest.fixture(scope="module")
def book_cache():
    "The book build's execution cache, or None when it is missing or older than the package."
    if not CACHE.exists() or not PACKAGE_STAMP.exists():
        return None
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from package_hash import package_hash
    finally:
        sys.path.pop(0)
    if PACKAGE_STAMP.read_text().strip() != package_hash():
        return None
    from jupyter_cache import get_cache

    return get_cache(str(CACHE))


def book_result(cache, nb_path):
    """(True, None): executed fine; (False, traceback): failed; None: the book did not run this
    version of the notebook."""
    try:
        cache.match_cache_notebook(book_notebook(nb_path))
        return True, None
    except KeyError:
        pass
    for record in cache.list_project_records():
        if record.uri == str(nb_path) and record.traceback:
            return False, record.traceback
    return None


@pytest.mark.parametrize("nb", notebooks(), ids=lambda p: str(p.relative_to(ROOT / "nbs")))
def test_notebook_runs(nb, book_cache) -> None:
    result = book_result(book_cache, nb) if book_cache is not None else None
    if result is not None:
        ok, traceback = result
        assert ok, f"{nb.name} failed when the book build executed it:\n{traceback[-6000:]}"
        return
    r = subprocess.run(
        [sys.executable, "-c", RUN, str(nb)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, f"{nb.name} failed:\n{r.stderr[-6000:]}"
