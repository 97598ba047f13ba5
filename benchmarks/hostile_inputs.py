"""How long each hostile input takes to be refused (the issue asks for under a second).

Run: ``python benchmarks/hostile_inputs.py``.  Prints one line per input: seconds, and the
first line of the error.  The large inputs are made in a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ptce_kit.errors import PoleError  # noqa: E402
from ptce_kit.io import load_pole  # noqa: E402


def made(folder: Path) -> dict[str, Path]:
    files = {}
    big = folder / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"id: big\nname: Big\nsources:\n" + (b"  - " + b"x" * 1020 + b"\n") * (50 * 1024))
    files["50 MB file"] = big
    deep = folder / "deep.yaml"
    deep.write_text("id: d\nname: D\nsources: " + "[" * 20000 + "]" * 20000 + "\n")
    files["deep nesting (20000)"] = deep
    garbage = folder / "garbage.yaml"
    garbage.write_bytes(bytes(range(256)) * 4096)
    files["binary garbage (1 MB)"] = garbage
    # Issue 14: one text of 100 000 characters aliased 11 000 times (1.2 MB, 1.1 GB expanded).
    bomb = folder / "string-bomb.yaml"
    bomb.write_text("id: b\nname: B\nx: &x " + "y" * 100_000 + "\ny: [" + ", ".join(["*x"] * 11_000) + "]\n")
    files["string alias bomb (1.2 MB)"] = bomb
    long_name = folder / "long-name.yaml"
    long_name.write_text("id: l\nname: " + "x" * 1_000_000 + "\n")
    files["1 MB name"] = long_name
    return files


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {p.name: p for p in sorted((ROOT / "tests" / "data" / "hostile").iterdir())}
        inputs.update(made(Path(tmp)))
        for name, path in inputs.items():
            start = time.perf_counter()
            try:
                load_pole(path)
                outcome = "loaded (!)"
            except PoleError as error:
                outcome = error.summary
            print(f"{time.perf_counter() - start:7.3f} s  {name}: {outcome}")


if __name__ == "__main__":
    main()
