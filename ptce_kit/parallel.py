"""Run a few independent calls at once, in forked processes, where that is safe.

``ptce build`` writes documents and maps that share nothing but the loaded pole: on a
machine with two cores they can be written side by side.  A forked child inherits the
pole, the imported modules and even a drawn figure, so nothing is parsed, pickled or
imported twice; only each call's *result* travels back, through a pipe.

The objects alive when the children are forked are moved out of the garbage collector's
reach for the time of the calls (:func:`gc.freeze`): otherwise the collector's next full
pass, in each process, writes to every object's header and so copies nearly every page
the processes share (copy-on-write), which cost a build of Pôle Sud about a quarter of its
CPU time.  They are handed back to it (:func:`gc.unfreeze`) once the children have ended.

Examples
--------
>>> side_by_side([lambda: 1 + 1, lambda: "here"])
[2, 'here']
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["available_jobs", "side_by_side"]

T = TypeVar("T")
#: How many :func:`side_by_side` calls with children are under way in this process (they
#: nest: the maps' step forks again): only the outermost one unfreezes the collector.
_frozen = 0


def available_jobs() -> int:
    """How many calls may run at once: the usable cores, or 1 where forking is unsafe.

    Forking is used on Linux only (macOS's system libraries are not fork-safe) and only
    from a process with no other thread, whose locks a child could inherit held.

    Examples
    --------
    >>> available_jobs() >= 1
    True
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


def _child(calls: Sequence[Callable[[], Any]], conn: Any) -> None:
    outcomes: list[tuple[bool, Any]] = []
    try:
        for call in calls:
            try:
                outcomes.append((True, call()))
            except Exception as exc:  # sent back and raised in the parent, in the calls' order
                outcomes.append((False, exc))
    except KeyboardInterrupt:  # Ctrl-C reaches the whole group: the parent reports it, once
        return
    conn.send([_sendable(outcome) for outcome in outcomes])
    conn.close()


def _sendable(outcome: tuple[bool, Any]) -> tuple[bool, Any]:
    """The outcome itself, or a readable error when it does not pickle."""
    import pickle

    try:
        pickle.loads(pickle.dumps(outcome))  # some exceptions pickle but do not unpickle
    except Exception as exc:
        ok, value = outcome
        what = "result" if ok else f"error ({type(value).__name__}: {value})"
        return False, RuntimeError(f"a worker process could not send back its {what}: {exc}")
    return outcome


def _outcomes(calls: Sequence[Callable[[], Any]]) -> list[tuple[bool, Any]]:
    outcomes: list[tuple[bool, Any]] = []
    for call in calls:
        try:
            outcomes.append((True, call()))
        except Exception as exc:
            outcomes.append((False, exc))
    return outcomes


def side_by_side(calls: Sequence[Callable[[], T]], *, jobs: int | None = None) -> list[T]:
    """Call each of ``calls`` and return their results in order, using up to ``jobs`` processes.

    The last call runs in this process; the others are shared round-robin among at most
    ``jobs - 1`` forked children.  With ``jobs`` 1 (or where :func:`available_jobs` is 1)
    the calls simply run one after the other here, and the first exception stops them.
    Side by side, the first exception in the calls' order is raised once every call has
    ended; a child that dies without an answer (killed, out of memory) has its calls run
    again here.

    Parameters
    ----------
    calls : sequence of callables
        Functions of no argument, independent of each other.
    jobs : int, optional
        Processes to use at most; :func:`available_jobs` by default.

    Returns
    -------
    list
        ``[call() for call in calls]``.
    """
    jobs = available_jobs() if jobs is None else min(jobs, available_jobs())
    if jobs <= 1 or len(calls) < 2:
        return [call() for call in calls]
    import multiprocessing

    global _frozen
    _frozen += 1
    gc.freeze()  # see the module's docstring: no full collection copies the shared pages
    try:
        return _forked(calls, jobs, multiprocessing.get_context("fork"))
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


def _forked(calls: Sequence[Callable[[], T]], jobs: int, context: Any) -> list[T]:
    """:func:`side_by_side`'s work once it is known that children are forked."""
    *others, last = range(len(calls))
    groups = [others[i::jobs - 1] for i in range(min(jobs - 1, len(others)))]
    children = []
    for group in groups:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=([calls[i] for i in group], send))
        process.start()
        send.close()
        children.append((group, process, receive))
    outcomes: dict[int, tuple[bool, Any]] = {}
    try:
        outcomes[last] = _outcomes([calls[last]])[0]
    except BaseException:  # Ctrl-C or exit: stop the children, answer nothing
        for _, process, receive in children:
            process.terminate()
            process.join()
            receive.close()
        raise
    for group, process, receive in children:
        try:
            answers = receive.recv()
        except EOFError:  # the child died without answering (killed, out of memory): do its work here
            answers = None
        process.join()
        receive.close()
        outcomes.update(zip(group, answers if answers is not None else _outcomes([calls[i] for i in group])))
    for i in range(len(calls)):
        ok, value = outcomes[i]
        if not ok:
            raise value
    return [outcomes[i][1] for i in range(len(calls))]
