"""The package's content hash: tools/book.sh stamps the book's execution cache with it, and
tests/test_notebooks.py trusts the cache only while the package still has that hash.

Usage: python tools/package_hash.py   (prints the hash)
"""

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_hash(root: Path = ROOT) -> str:
    "sha256 over every .py file of attn_nbs/, in path order (first 16 hex digits)."
    files = sorted(p.relative_to(root).as_posix() for p in (root / "attn_nbs").rglob("*.py"))
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.encode() + b"\0" + (root / f).read_bytes())
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    print(package_hash())
