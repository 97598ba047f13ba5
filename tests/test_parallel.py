"""Independent calls side by side in forked processes: same results, same errors, no lost work."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from ptce_kit import parallel
from ptce_kit.parallel import available_jobs, side_by_side
from ptce_kit.errors import PoleError


@pytest.fixture
def two_cores(monkeypatch):
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setattr(parallel, "available_jobs", lambda: 2)


def test_results_come_back_in_order_from_other_processes(two_cores):
    here = os.getpid()
    results = side_by_side([os.getpid, lambda: "b", lambda: [1, 2], os.getpid], jobs=2)
    assert results[1:3] == ["b", [1, 2]]
    assert results[0] != here and results[3] == here  # the last call runs here, the others in a child


def test_one_job_runs_everything_here(two_cores):
    assert side_by_side([os.getpid, os.getpid], jobs=1) == [os.getpid()] * 2


def test_first_error_in_call_order_is_raised_after_every_call_ended(two_cores, tmp_path):
    done = tmp_path / "done"

    def fail_here():
        raise ValueError("second")

    def fail_there():
        raise PoleError.single("first", file="pole.yaml", line=3)

    with pytest.raises(PoleError) as caught:
        side_by_side([fail_there, lambda: done.write_text("x"), fail_here], jobs=2)
    assert caught.value.problems[0].line == 3 and caught.value.problems[0].file == "pole.yaml"
    assert done.read_text() == "x"


def test_a_child_that_dies_has_its_work_done_here(two_cores):
    parent = os.getpid()

    def dies_in_a_child():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "done here"

    assert side_by_side([dies_in_a_child, lambda: "last"], jobs=2) == ["done here", "last"]


def test_a_result_that_does_not_pickle_becomes_a_readable_error(two_cores):
    with pytest.raises(RuntimeError, match="lambda"):
        side_by_side([lambda: (lambda: None), lambda: 1], jobs=2)


def test_no_fork_from_a_process_with_threads():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert available_jobs() == 1
    finally:
        stop.set()
        worker.join()


class _Unpicklable(Exception):
    def __init__(self, code, detail):  # two arguments: pickle rebuilds it with one and fails
        super().__init__(f"{code}: {detail}")


def test_an_error_that_does_not_unpickle_still_reads(two_cores):
    def fails():
        raise _Unpicklable(7, "odd")

    with pytest.raises(RuntimeError, match="_Unpicklable: 7: odd"):
        side_by_side([fails, lambda: 1], jobs=2)


# -- a process prepared before its work is known (ptce build's map drawer) ------------------

def _get_ready(marker):
    import json  # noqa: F401 - what a prepared child imports ahead of its call

    marker.write_text(str(os.getpid()))


def _pid_and(value):
    return os.getpid(), value


def _slow_elsewhere(parent, value):
    if os.getpid() != parent:  # in the child: long enough to be killed first
        threading.Event().wait(30)
    return os.getpid(), value


def _fails():
    raise PoleError.single("drawn badly", file="carte.png", code="PTCE-E502")


def test_a_prepared_child_gets_ready_then_runs_the_call_sent_later(two_cores, tmp_path):
    from functools import partial

    marker = tmp_path / "ready"
    worker = parallel.Prepared.start(partial(_get_ready, marker))
    assert worker is not None
    with worker:
        worker.send(partial(_pid_and, "plan"))
        pid, value = worker.result()
    assert value == "plan" and pid != os.getpid() and marker.read_text() == str(pid)


def test_a_prepared_child_s_error_is_raised_here_with_its_location(two_cores):
    with parallel.Prepared.start(lambda: None) as worker:
        worker.send(_fails)
        with pytest.raises(PoleError) as caught:
            worker.result()
    assert caught.value.problems[0].file == "carte.png" and caught.value.problems[0].code == "PTCE-E502"


def test_a_prepared_child_that_dies_has_its_call_run_here(two_cores):
    from functools import partial

    parent = os.getpid()
    with parallel.Prepared.start(lambda: None) as worker:
        worker.send(partial(_slow_elsewhere, parent, "again"))
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.result() == (parent, "again")


def test_a_call_that_does_not_pickle_runs_here(two_cores):
    parent = os.getpid()
    with parallel.Prepared.start(lambda: None) as worker:
        worker.send(lambda: os.getpid())  # a lambda does not pickle
        assert worker.result() == parent


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_an_unused_prepared_child_is_stopped_and_one_job_prepares_nothing(two_cores):
    worker = parallel.Prepared.start(lambda: threading.Event().wait(60))
    assert worker is not None and worker.pid is not None
    pid = worker.pid
    assert not _reaped(pid)
    worker.close()
    assert _reaped(pid)
    assert parallel.Prepared.start(lambda: None, jobs=1) is None
    with pytest.raises(RuntimeError):
        parallel.Prepared.here().result()


def test_a_system_that_cannot_fork_prepares_nothing(two_cores, monkeypatch):
    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    before = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", no_fork)
    assert parallel.Prepared.start(lambda: None) is None
    assert len(os.listdir("/proc/self/fd")) == before  # its pipes closed
