"""The ``ptce`` program's entry point: what a command will need, started before its command line is read.

``ptce build`` draws its map in a process of its own, which imports matplotlib while the
build reads the pole (:func:`ptce_kit.render.map_drawing.start_drawer`).  Forked here,
before click, the errors and the command line are imported, that process is ready some
fifty milliseconds sooner: a twentieth of what a founder waits for the whole build.  So
this module imports nothing of ptce-kit but :mod:`ptce_kit.parallel` (which imports
nothing either) before it forks, and numpy, which both processes need; then it hands over
to :func:`ptce_kit.cli.script`.

Only a command line that surely builds with maps on several processes starts it
(:func:`wants_drawer`); any other runs as if this module were not there, and a drawer the
command does not take is stopped before the program ends
(:func:`ptce_kit.parallel.stop_prepared`).

>>> wants_drawer(["build", "examples/pole_sud"]), wants_drawer(["build", "--help"])
(True, False)
>>> wants_drawer(["build", "-j", "1"]), wants_drawer(["check", "examples/pole_sud"])
(False, False)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

__all__ = ["script", "wants_drawer"]

# What makes ``ptce build`` run in one process, or not build at all.
_NOT_BUILDING = {"-h", "--help", "--version"}
_ONE_JOB = {"-j1", "--jobs=1"}


def wants_drawer(argv: Sequence[str]) -> bool:
    """Whether the command line ``argv`` (without the program's name) builds a pole with its maps
    side by side: ``build``, without ``--help`` nor ``--jobs 1``."""
    if not argv or argv[0] != "build":
        return False
    args = list(argv[1:])
    if any(a in _NOT_BUILDING or a in _ONE_JOB for a in args):
        return False
    return not any(a in ("-j", "--jobs") and b == "1" for a, b in zip(args, args[1:]))


def _warm() -> None:
    from .render.map_drawing import warm_up

    warm_up()


def script() -> NoReturn:
    """The ``ptce`` program: the map's drawer forked first when the command will want it, then
    :func:`ptce_kit.cli.script`."""
    if wants_drawer(sys.argv[1:]):
        import os

        from .parallel import MAP_DRAWER, Prepared, keep_prepared

        # A build does no linear algebra worth a thread pool: OpenBLAS, which numpy loads,
        # would start one (some 20 ms).  A user's setting stands.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        # Both processes use numpy (matplotlib there, the map's layout here): imported once,
        # before the fork, rather than once in each.
        try:
            import numpy  # noqa: F401
        except ImportError:  # a broken install: the command says so itself, without a traceback here
            pass

        keep_prepared(MAP_DRAWER, Prepared.start(_warm))
    from .cli import script as run

    run()


if __name__ == "__main__":  # pragma: no cover
    script()
