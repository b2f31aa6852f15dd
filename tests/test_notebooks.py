"""Every notebook runs top to bottom, each in a fresh interpreter (as on Colab), one item per notebook."""
import subprocess
import sys

import pytest

from conftest import ROOT, notebooks

RUN = "import sys; from pathlib import Path; from nbdev.test import test_nb; sys.exit(0 if test_nb(Path(sys.argv[1]))[0] else 1)"


@pytest.mark.parametrize("nb", notebooks(), ids=lambda p: str(p.relative_to(ROOT / "nbs")))
def test_notebook_runs(nb) -> None:
    r = subprocess.run([sys.executable, "-c", RUN, str(nb)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{nb.name} failed:\n{r.stderr[-6000:]}"
