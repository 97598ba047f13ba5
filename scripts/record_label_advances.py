"""Record DejaVu Sans' advances for the interactive map's labels (``ptce_kit.render.label_widths``).

    python scripts/record_label_advances.py          # rewrites ptce_kit/render/_assets/label_advances.json
    python scripts/record_label_advances.py --check  # says whether the record is the font's, writes nothing

Run it when matplotlib's DejaVu Sans changes (``tests/render/test_label_widths.py`` says so).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "ptce_kit" / "render" / "_assets" / "label_advances.json"


def advances() -> dict[str, dict[str, int]]:
    """The advance of every recorded code point, by weight, as the font gives it."""
    sys.path.insert(0, str(ROOT))
    from ptce_kit.render.label_widths import _WEIGHTS, RECORDED, measure_advance

    return {weight: {f"{code:04X}": measure_advance(chr(code), weight)
                     for first, last in RECORDED for code in range(first, last + 1)}
            for weight in _WEIGHTS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only")
    args = parser.parse_args()
    text = json.dumps(advances(), indent=0, sort_keys=True) + "\n"
    if args.check:
        same = RECORD.exists() and RECORD.read_text(encoding="utf-8") == text
        print("the record is the font's" if same else f"{RECORD} differs from the font: run this script")
        return 0 if same else 1
    RECORD.write_text(text, encoding="utf-8")
    print(f"wrote {RECORD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
