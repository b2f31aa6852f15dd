"""Shared paths for the test suite."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / "nbs"


def notebooks() -> list:
    "Every notebook nbdev sees (it skips names starting with '_' or '.')."
    return sorted(
        p for p in NBS.rglob("*.ipynb")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(NBS).parts)
    )
