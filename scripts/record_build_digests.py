"""Record the SHA-256 of every file ``ptce build`` writes for Pôle Sud (the guard of issue 19).

    python scripts/record_build_digests.py          # rewrites tests/data/builds/pole_sud.json
    python scripts/record_build_digests.py --check  # says which files differ, writes nothing

``tests/test_ptce_build_digests.py`` builds ``examples/pole_sud`` as ``ptce build`` does by
default (one process, then side by side) and compares every file with this record, so that
work on the build's speed cannot change a byte of what it writes.  A change meant to alter
the documents or the maps (a template, the map's drawing, the example's data) changes the
record too: run this script and commit the new ``pole_sud.json`` with that change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "builds" / "pole_sud.json"
EXAMPLE = ROOT / "examples" / "pole_sud"


def digests(out: Path, *, jobs: int | None = 1) -> dict[str, str]:
    """Build Pôle Sud into ``out`` with the default formats; each file's name and SHA-256."""
    from ptce_kit.pipeline import build

    written = build(EXAMPLE, out, jobs=jobs)
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in written}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the record, write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("MPLBACKEND", "Agg")
    with tempfile.TemporaryDirectory(prefix="ptce-digests-") as folder:
        os.environ.setdefault("PTCE_CACHE_DIR", str(Path(folder) / "cache"))
        found = digests(Path(folder) / "out")
    if args.check:
        recorded = json.loads(RECORD.read_text(encoding="utf-8"))["files"]
        differ = sorted(name for name in {*found, *recorded} if found.get(name) != recorded.get(name))
        for name in differ:
            print(f"differs: {name}")
        return 1 if differ else 0
    record = {"about": "SHA-256 of every file `ptce build examples/pole_sud` writes (default formats); "
                       "regenerate with `python scripts/record_build_digests.py`",
              "files": dict(sorted(found.items()))}
    RECORD.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RECORD.relative_to(ROOT)} ({len(found)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
