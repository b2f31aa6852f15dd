"""A contributor's path: tools/new_page.py scaffolds a page that the registry, the table of contents, the
contract suite and the README check all pick up, and it refuses bad requests without changing anything.

Everything runs in a temporary copy of the repository, in fresh interpreters that import that copy."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SKIP = shutil.ignore_patterns(".*", "_build", ".book_static", "__pycache__", ".pytest_cache",
                              ".ipynb_checkpoints", "*.egg-info", ".jupyter_cache")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("scaffold") / "repo"
    shutil.copytree(ROOT, dst, ignore=SKIP)
    return dst


def run(repo: Path, *args: str, env: dict = None) -> subprocess.CompletedProcess:
    "A command in the copy, importing the copy's attn_nbs (not the installed one)."
    env = {**os.environ, "PYTHONPATH": str(repo), **(env or {})}
    return subprocess.run(list(args), cwd=repo, capture_output=True, text=True, env=env, timeout=600)


def new_page(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run(repo, sys.executable, "tools/new_page.py", *args)


def tree_digest(repo: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(repo.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(repo)).encode() + p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("args, says", [
    (["attention", "se", "--title", "Again", "--arxiv", "1709.01507"], "already"),  # registered and a file
    (["conv", "se", "--title", "Again", "--arxiv", "1709.01507"], "already registered"),  # key taken
    (["attention", "gating_overview", "--title", "X", "--arxiv", "2101.00001"], "already exists"),  # a file
    (["vision", "my_gate", "--title", "X", "--arxiv", "2101.00001"], "unknown family 'vision'"),
    (["attention", "my_gate", "--title", "X", "--arxiv", "21.01"], "malformed arXiv id '21.01'"),
    (["attention", "MyGate", "--title", "X", "--arxiv", "2101.00001"], "snake_case"),
])
def test_scaffold_refuses_and_changes_nothing(repo, args, says):
    before = tree_digest(repo)
    r = new_page(repo, *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "refused, nothing changed" in r.stderr and says in r.stderr, r.stderr
    assert tree_digest(repo) == before, "a refused scaffold changed the tree"


MINIMAL = '''#| export
class MyGate(nn.Module):
    """Scale each pixel by a sigmoid gate of a 1 x 1 convolution.

    Test, "A Test Gate", arXiv 2021 (arXiv 2101.00001).
    Shape: (b, c, h, w) -> (b, c, h, w)
    """

    def __init__(self, channels: int):  # C
        super().__init__()
        self.channels = channels
        self.proj = nn.Conv2d(channels, channels, 1)

    def forward(self, x: Tensor) -> Tensor:
        check_input(self, x, "b c h w", c=self.channels)
        return x * torch.sigmoid(self.proj(x))  # b c h w
'''


def test_scaffolded_page_is_picked_up_everywhere(repo):
    r = new_page(repo, "attention", "my_gate", "--title", "A Test Gate", "--arxiv", "2101.00001")
    assert r.returncode == 0, r.stderr
    nb_path = repo / "nbs" / "attention" / "my_gate.ipynb"
    nb = json.loads(nb_path.read_text())
    text = "".join("".join(c["source"]) for c in nb["cells"])
    assert 'arxiv="2101.00001"' in text and 'title="A Test Gate"' in text and "year=2021" in text
    assert "#| default_exp attention.my_gate" in text and '"my_gate"' in text and "nn.Module" in text
    # the contributor fills the module in: here, the smallest gate there is
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if src.startswith("#| export") and re.search(r"^class MyGate\(nn\.Module\):", src, re.M):
            head = src[: src.index("class MyGate")]  # keep a decorator, if the template has one
            cell["source"] = (head + MINIMAL.removeprefix("#| export\n") if head.strip() != "#| export"
                              else MINIMAL).splitlines(keepends=True)
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    bin_ = Path(sys.executable).parent
    assert run(repo, str(bin_ / "nbdev_export")).returncode == 0

    # the registry
    r = run(repo, sys.executable, "-c", "import attn_nbs; i = attn_nbs.get_info('my_gate'); print(i.page, i.family)")
    assert r.stdout.split() == ["attention/my_gate", "attention"], r.stderr
    # the table of contents: listed in its part, and the repository's own check agrees
    assert "- file: nbs/attention/my_gate" in (repo / "_toc.yml").read_text()
    r = run(repo, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
            "tests/test_repo.py::test_toc_lists_every_notebook")
    assert r.returncode == 0, r.stdout[-3000:]
    # the contract suite runs on the new key
    r = run(repo, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
            "tests/test_contract.py", env={"ATTN_NBS_KEYS": "my_gate"})
    assert r.returncode == 0 and re.search(r"\d+ passed", r.stdout), r.stdout[-3000:]
    # the README check notices the new module, and passes once the table is regenerated
    readme_test = "tests/test_repo.py::test_readme_module_table_matches_the_registry"
    r = run(repo, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", readme_test)
    assert r.returncode != 0 and "stale" in r.stdout, r.stdout[-3000:]
    assert run(repo, sys.executable, "tools/readme_table.py").returncode == 0
    r = run(repo, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", readme_test)
    assert r.returncode == 0, r.stdout[-3000:]
    assert "`my_gate`" in (repo / "README.md").read_text()
