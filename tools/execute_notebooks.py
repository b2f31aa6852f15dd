"""Execute the book's notebooks in parallel, into the execution cache the book build reads.

Jupyter Book 1 executes the notebooks one after another. tools/book.sh runs this first: it executes
every notebook the cache does not hold, one per core, each in a fresh kernel limited to one CPU
thread (two kernels that each spin a thread per core slow each other down many times over), and
stores each result exactly as myst-nb would (the notebook as the book reads it, executed in its own
folder). The build then finds every notebook in the cache and executes none.

A notebook that fails is not cached: the build executes it again and reports the failure as usual.
Usage: python tools/execute_notebooks.py [--jobs N]
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
TIMEOUT = 300  # _config.yml: execute.timeout
sys.path.insert(0, str(ROOT / "_ext"))
from nbdev_directives import read_book_notebook


def toc_files() -> list:
    "Every page of _toc.yml (the root first), as its path from the repository root, no suffix."
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())

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

    return list(dict.fromkeys(walk(toc)))


def toc_notebooks() -> list:
    "The notebooks the book builds, in the order of _toc.yml."
    paths = [ROOT / f"{f}.ipynb" for f in toc_files()]
    return [p for p in paths if p.exists()]


def execute(path: Path) -> tuple:
    "Run one notebook in a fresh one-thread kernel: (path, executed notebook or None, error, s)."
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"  # the kernel inherits this process's environment
    # The kernel's own stderr (start-up notes) goes to a log beside the cache, not to the console.
    log = CACHE.parent / "execute_logs" / f"{path.relative_to(ROOT / 'nbs').with_suffix('.log')}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as f:
        os.dup2(f.fileno(), 2)
    result = single_nb_execution(
        read_book_notebook(path), cwd=str(path.parent), timeout=TIMEOUT, allow_errors=False
    )
    if result.err is not None:
        why = f"{type(result.err).__name__}: {str(result.err)[-300:]}; kernel log {log}"
        return path, None, why, result.time
    return path, nbformat.writes(result.nb), None, result.time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(CACHE))
    todo = []
    for path in toc_notebooks():
        try:
            cache.match_cache_notebook(read_book_notebook(path))
        except KeyError:
            todo.append(path)
    if not todo:
        print("== every notebook is in the execution cache")
        return
    print(f"== executing {len(todo)} notebooks, {args.jobs} at a time")
    start, failed = time.time(), []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(execute, p) for p in todo]
        for future in as_completed(futures):
            path, executed, error, seconds = future.result()
            name = path.relative_to(ROOT)
            if executed is None:
                failed.append(name)
                print(f"   {name}: failed ({error}); the book build runs it again and reports it")
                continue
            cache.add_nb_to_project(str(path))  # as myst-nb does, then the executed notebook
            cache.cache_notebook_bundle(
                CacheBundleIn(
                    nbformat.reads(executed, as_version=4),
                    str(path),
                    data={"execution_seconds": seconds},
                ),
                check_validity=False,
                overwrite=True,
            )
            print(f"   {name}: {seconds:.1f} s", flush=True)
    print(f"== executed in {time.time() - start:.0f} s ({len(failed)} failed)")


if __name__ == "__main__":
    main()
