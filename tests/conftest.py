"""Shared paths for the test suite, and the keys it runs over."""
import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / "nbs"


def notebooks() -> list:
    "Every notebook nbdev sees (it skips names starting with '_' or '.')."
    return sorted(
        p for p in NBS.rglob("*.ipynb")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(NBS).parts)
    )


def selected_keys(keys: list) -> list:
    "`keys`, or only those named in $ATTN_NBS_KEYS (comma-separated; tools/check_page.sh sets it for one page)."
    only = [k for k in os.environ.get("ATTN_NBS_KEYS", "").split(",") if k]
    return [k for k in keys if k in only] if only else keys


# timm needs torchvision, which the main environment cannot import: tests/test_pretrained.py runs in the
# timm environment (tools/timm_env.sh), and tools/test.sh runs it there.
collect_ignore = [] if importlib.util.find_spec("timm") else ["test_pretrained.py"]
