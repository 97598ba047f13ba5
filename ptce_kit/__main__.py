"""``python -m ptce_kit``: the same as the ``ptce`` command."""

import sys

from ptce_kit.cli import main

if __name__ == "__main__":
    sys.exit(main())
