"""What the observatory's tests share: the bundled examples and the date the sites are built at."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*/pole.yaml"))
AT = "2025-06-30"
