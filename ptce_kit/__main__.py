"""``python -m ptce_kit``: the same as the ``ptce`` command."""

from ptce_kit.launch import script

if __name__ == "__main__":
    script()
