"""The suite's longest files are handed out first (tests/conftest.py's LONGEST_FIRST)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import LONGEST_FIRST, ROOT


def test_every_file_named_longest_first_exists():
    # A renamed or removed file would silently drop out of the order.
    missing = [name for name in LONGEST_FIRST if not (ROOT / name).is_file()]
    assert not missing, missing


def test_the_longest_files_are_collected_first_and_the_others_keep_their_order():
    files = ["tests/test_suite_order.py", "tests/test_typing.py", LONGEST_FIRST[1], LONGEST_FIRST[0]]
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider",
                           *files], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    order = []
    for line in done.stdout.splitlines():
        name = line.split("::", 1)[0]
        if "::" in line and name not in order:
            order.append(name)
    assert order == [LONGEST_FIRST[0], LONGEST_FIRST[1], "tests/test_suite_order.py", "tests/test_typing.py"], order
