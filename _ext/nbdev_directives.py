"""Sphinx extension: make myst-nb honour nbdev's `#|` cell directives.

myst-nb reads cell tags, not nbdev directives, so without this every `#| export` line shows on the
page and `#| hide` cells are visible. On `source-read` (before myst-nb parses and executes the
notebook) each code cell loses its directive lines and gains the matching tag:

    #| hide, #| default_exp (alone)  -> remove-cell
    #| echo: false                    -> remove-input
    #| output: false                  -> remove-output
    #| eval: false                    -> skip-execution
    #| code-fold: true                -> hide-input
    #| export, exports, exporti       -> shown (the implementation is the point of the page)

A cell that only calls `show_doc(...)` shows its output, not its input, as nbdev's own docs do.

`show_doc`'s Markdown starts with a `---` rule, which docutils rejects inside a cell output; a
transform drops such transitions. `show_doc` sets only the first line of a docstring in italics; a
docstring's summary wrapped over two lines (code lines stop at 100 characters) would be half
italic, so the hidden cell importing `show_doc` also gets a line that sets the whole first
paragraph in italics (in the book's execution only; the notebook is unchanged).
"""
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

DIRECTIVE = re.compile(r"^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$")
SHOW_DOC = re.compile(r"^(\s*show_doc\([^\n]*\)\s*)+$")
TAGS = {
    ("hide", ""): "remove-cell",
    ("echo", "false"): "remove-input",
    ("output", "false"): "remove-output",
    ("eval", "false"): "skip-execution",
    ("code-fold", "true"): "hide-input",
    ("code-fold", "show"): "hide-input",
}


SHOW_DOC_IMPORT = "from nbdev.showdoc import show_doc"
# show_doc's docstring in italics up to the first blank line, not only its first line
ITALIC_SUMMARY = (
    "\nimport re as _re, fastcore.docments as _docments\n"
    "_docments._ital_first = lambda s: _re.sub(r'^(\\s*)(.+?)(\\n\\s*\\n|$)', r'\\1*\\2*\\3', s, "
    "count=1, flags=_re.S)"
)


def convert_cell(cell: dict) -> dict:
    "Strip a code cell's leading nbdev directives and tag it accordingly."
    if cell.get("cell_type") != "code":
        return cell
    src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    if SHOW_DOC_IMPORT in src and "_ital_first" not in src:
        src = cell["source"] = src + ITALIC_SUMMARY
    if SHOW_DOC.match(src):
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "remove-input" not in tags:
            tags.append("remove-input")
        return cell
    lines, found = src.split("\n"), []
    while lines and DIRECTIVE.match(lines[0]):
        name, value = DIRECTIVE.match(lines[0]).groups()
        found.append((name.lower(), value.lower()))
        lines.pop(0)
    if not found:
        return cell
    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
    for key in found:
        tag = TAGS.get(key)
        if tag and tag not in tags:
            tags.append(tag)
    body = "\n".join(lines).strip("\n")
    if not body.strip() and "remove-cell" not in tags:
        tags.append("remove-cell")  # e.g. a cell holding only `#| default_exp`
    cell["source"] = body
    return cell


def read_book_notebook(path) -> "nbformat.NotebookNode":  # noqa: F821
    "The notebook at `path` as the book reads and executes it: directives turned into cell tags."
    import nbformat

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    nb["cells"] = [convert_cell(c) for c in nb["cells"]]
    return nbformat.reads(json.dumps(nb), as_version=4)


def on_source_read(app, docname, source):
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    nb["cells"] = [convert_cell(c) for c in nb["cells"]]
    source[0] = json.dumps(nb)


class DropNestedTransitions(SphinxTransform):
    "Remove `---` rules that are not directly in a section (show_doc output)."

    default_priority = 200

    def apply(self, **kwargs):
        for node in list(self.document.findall(nodes.transition)):
            if not isinstance(node.parent, (nodes.section, nodes.document)):
                node.parent.remove(node)


def setup(app):
    app.connect("source-read", on_source_read)
    app.add_transform(DropNestedTransitions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
