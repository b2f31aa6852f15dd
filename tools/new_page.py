"""Start a new paper page: copy the template with the paper card filled in and list it in the book.

    .venv/bin/python tools/new_page.py <family> <key> --title "..." --arxiv 1709.01507 \
        [--authors "..."] [--venue CVPR] [--year 2018] [--cls ClassName]

<family> is a part of the book: attention, backbones (or backbone), mlp, reparam, conv.
It writes nbs/<folder>/<key>.ipynb, adds it to _toc.yml under its part, and prints the next steps.
It refuses, changing nothing, a key already registered or already a notebook, an unknown family and
a malformed arXiv id. See CONTRIBUTING.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"attention": "attention", "backbone": "backbones", "backbones": "backbones", "mlp": "mlp",
           "reparam": "reparam", "conv": "conv"}  # family as the registry names it -> its folder
REGISTRY_FAMILY = {"attention": "attention", "backbones": "backbone", "mlp": "mlp", "reparam": "reparam",
                   "conv": "conv"}  # folder -> family
ARXIV_RE = re.compile(r"^\d{4}\.\d{4,5}$")  # new-style arXiv ids, e.g. 1709.01507
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class Refused(Exception):
    "The scaffold will not create this page; the message says why."


def _registered_keys(root: Path) -> set:
    "Keys the package in `root` registers (imported in a fresh interpreter, so `root` wins on sys.path)."
    import subprocess

    code = "import attn_nbs, json; print(json.dumps(attn_nbs.list_modules()))"
    r = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                       env={**__import__("os").environ, "PYTHONPATH": str(root)})
    if r.returncode != 0:
        raise Refused(f"cannot import attn_nbs from {root} to check the key:\n{r.stderr[-2000:]}")
    return set(json.loads(r.stdout.strip().splitlines()[-1]))


def _class_name(key: str) -> str:
    return "".join(w.capitalize() for w in key.split("_"))


def plan(root: Path, family: str, key: str, title: str, arxiv: str) -> tuple:
    "Check every argument before anything is written; return (folder, notebook path)."
    if family not in FOLDERS:
        raise Refused(f"unknown family {family!r}; the book's parts are {sorted(set(FOLDERS.values()))}")
    folder = FOLDERS[family]
    if not KEY_RE.match(key):
        raise Refused(f"key must be snake_case (a-z, 0-9, _), got {key!r}")
    if not ARXIV_RE.match(arxiv):
        raise Refused(f"malformed arXiv id {arxiv!r}: expected digits like 1709.01507")
    if not title.strip():
        raise Refused("--title is empty")
    nb = root / "nbs" / folder / f"{key}.ipynb"
    if nb.exists():
        raise Refused(f"{nb.relative_to(root)} already exists")
    if key in _registered_keys(root):
        raise Refused(f"key {key!r} is already registered (attn_nbs.list_modules())")
    return folder, nb


def fill_template(template: dict, folder: str, key: str, cls: str, title: str, arxiv: str, authors: str,
                  venue: str, year: int) -> dict:
    "The template notebook with the paper card, the exported module name, the key and the family filled in."
    family = REGISTRY_FAMILY[folder]
    subs = [
        (r"^# Module name \(ACRONYM\)", f"# {title}"),
        (r"#\| default_exp family\.key", f"#| default_exp {folder}.{key}"),
        (r'title="TODO: the paper\'s title"', f"title={title!r}".replace("'", '"')),
        (r'authors="TODO: [^"]*"', f'authors="{authors}"'),
        (r'venue="TODO: [^"]*"', f'venue="{venue}"'),
        (r"year=\d{4}", f"year={year}"),
        (r'arxiv="TODO: [^"]*"', f'arxiv="{arxiv}"'),
        (r'"key",  # TODO: snake_case registry key', f'"{key}",'),
        (r'family="attention",  # TODO: [^\n]*', f'family="{family}",'),
        (r"(?<!nn\.)\bModule\b", cls),  # the template's placeholder class, not nn.Module
    ]
    nb = json.loads(json.dumps(template))
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and src.startswith("# Module name"):
            # the template's instructions to the contributor become the TODO for the summary line
            src = src.split("\n\n")[0] + "\n\n> TODO: one sentence: what the module does to its input and why it helps."
        for pat, rep in subs:
            src = re.sub(pat, lambda _m, r=rep: r, src, flags=re.M)
        cell["source"] = src.splitlines(keepends=True)
    return nb


def add_to_toc(toc: str, folder: str, key: str) -> str:
    "The table of contents with `nbs/<folder>/<key>` appended to the sections of its part's intro page."
    intro = f"      - file: nbs/{folder}/intro\n"
    if intro not in toc:
        raise Refused(f"_toc.yml has no entry {intro.strip()!r} to put the page under")
    head, tail = toc.split(intro, 1)
    lines = tail.splitlines(keepends=True)
    i = 0
    if lines and lines[0].strip() == "sections:":
        i = 1
        while i < len(lines) and lines[i].startswith("          - file:"):
            i += 1
        new = lines[:i] + [f"          - file: nbs/{folder}/{key}\n"] + lines[i:]
    else:
        new = ["        sections:\n", f"          - file: nbs/{folder}/{key}\n"] + lines
    return head + intro + "".join(new)


def main(argv=None, root: Path = ROOT) -> int:
    p = argparse.ArgumentParser(description="Start a new paper page from the template.")
    p.add_argument("family", help="attention, backbones, mlp, reparam or conv")
    p.add_argument("key", help="registry key, snake_case; also the notebook's name")
    p.add_argument("--title", required=True, help="the paper's title")
    p.add_argument("--arxiv", required=True, help="the paper's arXiv id, e.g. 1709.01507")
    p.add_argument("--authors", default="TODO: First Author, Second Author")
    p.add_argument("--venue", default="arXiv")
    p.add_argument("--year", type=int, default=None, help="default: 20 + the arXiv id's first two digits")
    p.add_argument("--cls", default=None, help="class name (default: the key in CapWords)")
    a = p.parse_args(argv)
    try:
        folder, nb_path = plan(root, a.family, a.key, a.title, a.arxiv)
        toc_path = root / "_toc.yml"
        toc = add_to_toc(toc_path.read_text(), folder, a.key)
        template = json.loads((root / "nbs" / "_template.ipynb").read_text())
        year = a.year or 2000 + int(a.arxiv[:2])
        nb = fill_template(template, folder, a.key, a.cls or _class_name(a.key), a.title, a.arxiv, a.authors,
                           a.venue, year)
    except Refused as e:
        print(f"new_page: refused, nothing changed: {e}", file=sys.stderr)
        return 2
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    toc_path.write_text(toc)
    rel = nb_path.relative_to(root)
    print(f"created {rel} and listed it in _toc.yml. Next:\n"
          f"  1. open {rel} and replace every TODO (CONTRIBUTING.md says what each section needs);\n"
          f"  2. bash tools/check_page.sh {rel}     # about a minute: export, run, contract, render\n"
          f"  3. .venv/bin/python tools/readme_table.py, then bash tools/test.sh before you open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
