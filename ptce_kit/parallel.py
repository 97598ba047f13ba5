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

A :class:`Prepared` process is forked *before* the work it will do is known: it gets
ready (imports its libraries) while this process reads its input, then receives one call
through a pipe.  ``ptce build`` forks its map drawer so, before it loads the pole: the
drawer imports matplotlib while the pole is read and its map planned.

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

__all__ = ["MAP_DRAWER", "Prepared", "available_jobs", "keep_prepared", "side_by_side", "stop_prepared", "take_prepared"]

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


def _write_message(fd: int, value: Any) -> None:
    """A pickled value on a pipe: its length on 8 bytes, then its bytes."""
    import pickle

    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _read_message(fd: int) -> Any:
    """The value :func:`_write_message` wrote; EOFError when the other end closed first."""
    import pickle

    def exactly(n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError("the other process ended before its message")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    return pickle.loads(exactly(int.from_bytes(exactly(8), "little")))


def _prepared_child(prepare: Callable[[], Any], calls: int, answers: int) -> None:
    """The life of a :class:`Prepared` child: get ready, wait for the call, answer."""
    try:
        prepare()
    except Exception:  # noqa: S110 - the call meets the same problem, and reports it
        pass
    try:
        call = _read_message(calls)
    except (EOFError, OSError):  # let go unused: nothing to do
        return
    _write_message(answers, _sendable(_outcomes([call])[0]))


class Prepared:
    """A process forked now that gets ready while this one goes on, then runs one call sent later.

    ``prepare`` (a function of no argument: typically imports) runs in the child at once.
    :meth:`send` hands it the call, which travels pickled (a module-level function and
    plain arguments, e.g. a :func:`functools.partial`); :meth:`result` waits for the
    call's result, or raises its exception here.  A child that dies without an answer, or
    a call that does not pickle, has the call run here.  Use :meth:`start`, which gives
    None where forking is unsafe or only one process may run (:func:`available_jobs`);
    close it (or use it as a context manager) so that an unused child is stopped.

    The child is forked with :func:`os.fork` and talks through two pipes, without
    :mod:`multiprocessing`, whose import alone would delay the fork: ``ptce build`` starts
    its drawer as early as it can.

    Examples
    --------
    >>> import operator
    >>> from functools import partial
    >>> with Prepared.start(lambda: None, jobs=2) or Prepared.here() as worker:
    ...     worker.send(partial(operator.add, 2, 3))
    ...     worker.result()
    5
    """

    def __init__(self, pid: int | None = None, calls: int | None = None, answers: int | None = None) -> None:
        self.pid = pid
        self._calls, self._answers = calls, answers
        self._call: Callable[[], Any] | None = None
        self._sent = False

    @classmethod
    def start(cls, prepare: Callable[[], Any], *, jobs: int | None = None) -> Prepared | None:
        """Fork a child that runs ``prepare`` at once; None where :func:`available_jobs` (or ``jobs``) is 1,
        or where the system cannot fork now (the caller then does the work itself)."""
        jobs = available_jobs() if jobs is None else min(jobs, available_jobs())
        if jobs <= 1:
            return None
        try:
            calls_read, calls_write = os.pipe()
            answers_read, answers_write = os.pipe()
        except OSError:  # out of file descriptors: the work is done here, later
            return None
        try:
            pid = os.fork()
        except OSError:  # no more processes or memory: the same
            for fd in (calls_read, calls_write, answers_read, answers_write):
                os.close(fd)
            return None
        if pid == 0:  # the child: never returns into the caller's code
            code = 0
            try:
                os.close(calls_write)
                os.close(answers_read)
                _prepared_child(prepare, calls_read, answers_write)
            except BaseException:  # Ctrl-C reaches the whole group: the parent reports it, once
                code = 1
            finally:
                os._exit(code)
        os.close(calls_read)
        os.close(answers_write)
        return cls(pid, calls_write, answers_read)

    @classmethod
    def here(cls) -> Prepared:
        """A stand-in with no process: the call sent runs in this process, when its result is asked for."""
        return cls()

    def send(self, call: Callable[[], Any]) -> None:
        """Hand the child its call (once)."""
        if self._call is not None:
            raise RuntimeError("a prepared process runs one call")
        self._call = call
        if self._calls is None:
            return
        try:
            _write_message(self._calls, call)
            self._sent = True
        except Exception:  # the call does not pickle, or the child is gone: it runs here
            self.close()

    def result(self) -> Any:
        """The call's result, once it has ended (in the child, or here if the child could not run it)."""
        if self._call is None:
            raise RuntimeError("no call was sent to the prepared process")
        answer = None
        if self._sent and self._answers is not None:
            try:
                answer = _read_message(self._answers)
            except (EOFError, OSError):  # the child died without answering (killed, out of memory): do its work here
                answer = None
            self.close()
        ok, value = answer if answer is not None else _outcomes([self._call])[0]
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child if it has no call (or its answer is not wanted) and free the pipes."""
        self._end(stop=not self._sent)

    def _end(self, *, stop: bool) -> None:
        pid, fds = self.pid, (self._calls, self._answers)
        self.pid = self._calls = self._answers = None
        for fd in fds:
            if fd is not None:
                os.close(fd)
        if pid is not None:
            if stop:
                import signal

                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            os.waitpid(pid, 0)

    def __enter__(self) -> Prepared:
        return self

    def __exit__(self, *exc: object) -> None:
        # An error here: the child's work is not wanted.
        self._end(stop=exc[0] is not None or not self._sent)


#: Prepared processes started ahead of the code that will use them, by name (:func:`keep_prepared`).
_KEPT: dict[str, Prepared] = {}
#: The name of ``ptce build``'s map drawer (:func:`ptce_kit.render.map_drawing.start_drawer`).
MAP_DRAWER = "map drawer"


def keep_prepared(name: str, worker: Prepared | None) -> None:
    """Keep ``worker`` under ``name`` for the code that will :func:`take_prepared` it.

    The ``ptce`` program starts the map's drawer so before it even imports the command
    line (:mod:`ptce_kit.launch`); the build takes it when it needs a drawer.
    """
    if worker is not None:
        _KEPT[name] = worker


def take_prepared(name: str) -> Prepared | None:
    """The worker kept under ``name`` (now the caller's to close), or None."""
    return _KEPT.pop(name, None)


def stop_prepared() -> None:
    """Stop every kept worker nobody took (the command did not need it, or failed first)."""
    while _KEPT:
        _KEPT.popitem()[1].close()
