"""The repository is consistent: package in sync with the notebooks, notebooks clean, every notebook in
the book, every registered module with a notebook and a spec, every paper page with the house skeleton."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from attn_nbs import get_info, list_modules
from attn_nbs.core import Spec
from conftest import NBS, ROOT, notebooks, selected_keys

BIN = Path(sys.executable).parent


def _copy_project(tmp_path: Path) -> Path:
    dst = tmp_path / "p"
    dst.mkdir()
    shutil.copy(ROOT / "settings.ini", dst)
    shutil.copytree(NBS, dst / "nbs")
    return dst


def _tree(path: Path) -> dict:
    return {str(p.relative_to(path)): p.read_text() for p in sorted(path.rglob("*.py")) if "__pycache__" not in p.parts}


def test_package_in_sync_with_notebooks(tmp_path):
    "nbdev_export of the notebooks reproduces attn_nbs/ exactly."
    proj = _copy_project(tmp_path)
    subprocess.run([str(BIN / "nbdev_export")], cwd=proj, check=True, capture_output=True)
    want, got = _tree(proj / "attn_nbs"), _tree(ROOT / "attn_nbs")
    assert sorted(got) == sorted(want), "attn_nbs/ has files the notebooks do not export, or lacks some: run nbdev_export"
    stale = [f for f in want if want[f] != got[f]]
    assert not stale, f"out of date with the notebooks (run nbdev_export): {stale}"


def test_notebooks_are_clean(tmp_path):
    "nbdev_clean changes no notebook."
    proj = _copy_project(tmp_path)
    subprocess.run([str(BIN / "nbdev_clean")], cwd=proj, check=True, capture_output=True)
    dirty = [str(p.relative_to(NBS)) for p in NBS.rglob("*.ipynb")
             if p.read_bytes() != (proj / "nbs" / p.relative_to(NBS)).read_bytes()]
    assert not dirty, f"not clean (run nbdev_clean): {dirty}"


def _toc_files() -> set:
    def walk(node):
        if isinstance(node, dict):
            for k in ("root", "file"):
                if k in node:
                    yield node[k]
            for v in node.values():
                yield from walk(v)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v)
    return set(walk(yaml.safe_load((ROOT / "_toc.yml").read_text())))


def test_toc_lists_every_notebook():
    listed = _toc_files()
    missing = [str(p.relative_to(ROOT).with_suffix("")) for p in notebooks()
               if str(p.relative_to(ROOT).with_suffix("")) not in listed]
    assert not missing, f"notebooks missing from _toc.yml: {missing}"
    dangling = [f for f in listed if not (ROOT / f"{f}.ipynb").exists() and not (ROOT / f"{f}.md").exists()]
    assert not dangling, f"_toc.yml lists files that do not exist: {dangling}"


def _default_exp() -> dict:
    "Exported module name -> notebook."
    out = {}
    for nb in notebooks():
        for cell in json.loads(nb.read_text())["cells"]:
            m = re.search(r"^#\|\s*default_exp\s+(\S+)", "".join(cell["source"]), re.M)
            if m:
                out[m.group(1)] = nb
    return out


def test_every_registered_module_has_a_notebook_and_a_spec():
    exp = _default_exp()
    keys = list_modules()
    assert keys, "the registry is empty"
    for key in keys:
        info = get_info(key)
        assert isinstance(info.spec, Spec), f"{key} has no spec"
        mod = info.factory.__module__.removeprefix("attn_nbs.")
        assert mod in exp, f"{key} is defined in {info.factory.__module__}, which no notebook exports"


SKELETON = ["Paper", "Idea", "Math", "Implementation", "Diagram", "Shape walkthrough", "Tests", "Cost", "Use it", "Notes"]


def _headings(nb: Path) -> list:
    heads = []
    for cell in json.loads(nb.read_text())["cells"]:
        if cell["cell_type"] == "markdown":
            heads += re.findall(r"^## (.+?)\s*$", "".join(cell["source"]), re.M)
    return heads


def test_template_has_the_skeleton():
    assert _headings(NBS / "_template.ipynb") == SKELETON


@pytest.mark.parametrize("key", selected_keys(list_modules()))
def test_paper_page_follows_the_skeleton(key):
    "Each registered module's notebook has the house skeleton's sections, in order."
    nb = _default_exp()[get_info(key).factory.__module__.removeprefix("attn_nbs.")]
    heads = _headings(nb)
    positions = [heads.index(h) if h in heads else -1 for h in SKELETON]
    assert -1 not in positions, f"{nb.name} lacks sections {[h for h, p in zip(SKELETON, positions) if p < 0]}"
    assert positions == sorted(positions), f"{nb.name}: sections out of order {heads}"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "bash tools/book.sh" in readme and "bash tools/test.sh" in readme
    assert "bash tools/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_readme_module_table_matches_the_registry():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import readme_table
    finally:
        sys.path.pop(0)
    assert readme_table.current() == readme_table.block(), (
        "README's module table is stale: run .venv/bin/python tools/readme_table.py")


def _reported(name: str) -> list:
    return [k for k in list_modules() if name in get_info(k).reported]


@pytest.mark.parametrize("key", selected_keys(_reported("params")))
def test_parameter_count_matches_the_paper(key):
    "A module whose paper reports its parameter count reproduces it at the paper's rounding."
    import torch

    from attn_nbs.core import matches_reported
    from attn_nbs.cost import count_params

    info = get_info(key)
    with torch.device("meta"):  # no memory, no time: only the shapes matter
        n = count_params(info.create(**info.ref_kwargs))
    assert matches_reported(n, info.reported["params"]), f"{key}: {n:,} parameters, the paper reports {info.reported['params']}"


def test_package_pulls_only_torch_and_einops(tmp_path):
    "What `pip install attn_nbs` brings: torch (a range, Colab users keep theirs) and einops; the rest is an extra."
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    import zipfile

    wheel = next(tmp_path.glob("attn_nbs-*.whl"))
    meta = next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith("METADATA"))
    requires = [l.split(":", 1)[1].strip() for l in zipfile.ZipFile(wheel).read(meta).decode().splitlines()
                if l.startswith("Requires-Dist:")]
    core = sorted(r for r in requires if "extra ==" not in r)
    assert core == ["einops>=0.7", "torch>=2.2"], core
    assert all('extra == "viz"' in r or 'extra == "notebooks"' in r for r in requires if r not in core), requires
    notebooks = {r.split(";")[0].replace(" ", "") for r in requires if 'extra == "notebooks"' in r}
    assert {"matplotlib>=3.7", "torchinfo>=1.8", "nbdev<3,>=2.4", "pytest"} <= notebooks, notebooks


# What a notebook may import on Colab once its first cell has installed attn_nbs[notebooks]: the
# standard library, what Colab ships, the package and its extras. A new import elsewhere would break
# "open on Colab, run top to bottom".
COLAB_SHIPS = {"torch", "numpy", "matplotlib", "IPython", "pytest"}
EXTRAS_GIVE = {"attn_nbs", "einops", "torchinfo", "nbdev", "fastcore", "execnb", "ghapi"}


def test_notebook_imports_are_installed_by_their_colab_cell():
    bad = []
    for nb in [*notebooks(), NBS / "_template.ipynb"]:
        code = ["".join(c["source"]) for c in json.loads(nb.read_text())["cells"] if c["cell_type"] == "code"]
        if not any("google.colab" in c for c in code):
            bad.append(f"{nb.name}: no Colab install cell")
        elif not any('"attn_nbs[notebooks] @ git+' in c for c in code):
            bad.append(f"{nb.name}: its Colab cell does not install attn_nbs[notebooks]")
        colab_installs = next((c for c in code if "google.colab" in c), "")
        for src in code:
            for mod in re.findall(r"^\s*(?:from|import)\s+(\w+)", src, re.M):
                if f'"{mod}"' in colab_installs:  # the page's Colab cell installs it (onnxruntime)
                    continue
                if mod not in sys.stdlib_module_names and mod not in COLAB_SHIPS | EXTRAS_GIVE:
                    bad.append(f"{nb.name}: imports {mod}, which neither Colab nor attn_nbs[notebooks] provides")
    assert not bad, bad


def _code_cells(nb: Path) -> list:
    cells = json.loads(nb.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_code_fits_the_column():
    "Every code line a page shows is at most 100 characters (CONTRIBUTING.md, 'Fitting the page')."
    long = []
    for nb in [*notebooks(), NBS / "_template.ipynb"]:
        for src in _code_cells(nb):
            if src.startswith("#| hide"):
                continue  # not on the page
            where = nb.relative_to(NBS)
            long += [f"{where}: {line[:60]}..." for line in src.split("\n") if len(line) > 100]
    fix = "ruff format --line-length 100, then wrap comments and strings by hand"
    assert not long, f"code lines over 100 characters ({fix}):\n" + "\n".join(long)


def test_paper_pages_read_model_first():
    "Classes first (no @register decorator); the registration cell opens the Tests section."
    bad = []
    pages = {get_info(k).page for k in list_modules()} - {""}
    for nb in [NBS / f"{page}.ipynb" for page in sorted(pages)] + [NBS / "_template.ipynb"]:
        cells = json.loads(nb.read_text())["cells"]
        srcs = ["".join(c["source"]) for c in cells]
        if any(line.startswith("@register") for s in srcs for line in s.split("\n")):
            bad.append(f"{nb.name}: a @register decorator (register in the Tests section)")
        tests = next((i for i, s in enumerate(srcs) if s.startswith("## Tests")), None)
        after = range(tests or 0, len(cells))
        first_code = next((i for i in after if cells[i]["cell_type"] == "code"), None)
        registers = first_code is not None and re.search(r"^register\(", srcs[first_code], re.M)
        if tests is None or not registers:
            bad.append(f"{nb.name}: the first code cell of Tests is not the registration cell")
    assert not bad, bad
