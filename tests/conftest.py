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


# `pytest -n 2` runs two workers on two cores: each keeps to one CPU thread. Two processes that each
# spin a thread per core slow each other down many times over (measured on the timm tests: 82 s with
# PyTorch's default threads, 48 s with one thread a worker).
if os.environ.get("PYTEST_XDIST_WORKER"):
    import torch

    torch.set_num_threads(1)

# timm needs torchvision, which the main environment cannot import: tests/test_pretrained.py runs in the
# timm environment (tools/timm_env.sh), and tools/test.sh runs it there.
collect_ignore = [] if importlib.util.find_spec("timm") else ["test_pretrained.py"]
