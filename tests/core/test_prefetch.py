"""core/prefetch.py: a briefing read by a forked child gives exactly what reading it here gives.

Each case runs in a fresh interpreter: forking is refused (rightly) in a process
that runs threads, and the test process may.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .helpers import MINIMAL

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="prefetching forks, which this platform lacks or makes unsafe")

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"

PROBE = textwrap.dedent("""\
    import json, os, signal, sys, threading, time
    from pathlib import Path
    from briefing_app.core.io.prefetch import Prefetch, PrefetchFailed
    from briefing_app.core.problems import BriefingError

    case, path = sys.argv[1], Path(sys.argv[2])
    out = {}
    if case == "threads":
        stop = threading.Event()
        t = threading.Thread(target=stop.wait)
        t.start()
        out["started"] = Prefetch.start(path) is not None
        stop.set()
        t.join()
        out["started_after"] = Prefetch.start(path) is not None
        print(json.dumps(out))
        sys.exit(0)
    if case == "many-fds":  # the pipe's descriptor past 1023, where select.select gives up
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and hard < 1200:
            print(json.dumps({"skip": f"the descriptor limit is {hard}"}))
            sys.exit(0)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
        held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    p = Prefetch.start(path)
    assert p is not None, "fork refused"
    if case == "many-fds":
        out["fd"] = p._fd
    if case == "kill":
        os.kill(p.pid, signal.SIGKILL)
    t0 = time.monotonic()
    try:
        b = p.result(timeout=1.0 if case == "fifo" else 30.0)
        out["kind"] = "ok"
        from briefing_app.core.briefing.loader import load_briefing
        out["same"] = b == load_briefing(path, display_name=path.name)
        out["title"] = b.title
    except BriefingError as exc:
        out["kind"] = "problems"
        out["problems"] = [str(x) for x in exc.problems]
        try:
            from briefing_app.core.briefing.loader import load_briefing
            load_briefing(path, display_name=path.name)
        except BriefingError as here:
            out["same"] = [str(x) for x in here.problems] == out["problems"]
    except PrefetchFailed as exc:
        out["kind"] = "failed"
        out["why"] = str(exc)
    out["seconds"] = time.monotonic() - t0
    try:  # the child was reaped: no zombie left behind
        os.waitpid(p.pid, os.WNOHANG)
        out["reaped"] = False
    except ChildProcessError:
        out["reaped"] = True
    try:
        p.result()
        out["second_result"] = "answer"
    except PrefetchFailed:
        out["second_result"] = "failed"
    print(json.dumps(out))
""")


def _probe(case: str, path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", PROBE, case, str(path)], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_child_reads_the_sample_exactly_as_the_parent_would():
    out = _probe("ok", SAMPLE)
    assert out["kind"] == "ok" and out["same"] is True
    assert out["title"].startswith("Japan")
    assert out["reaped"] is True and out["second_result"] == "failed"


def test_an_invalid_file_gives_the_same_located_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("confidence: moderate", "confidence: sure-ish"), encoding="utf-8")
    out = _probe("ok", bad)
    assert out["kind"] == "problems" and out["same"] is True
    assert any("bad.yaml:" in p and "confidence" in p for p in out["problems"])


def test_a_missing_file_is_a_problem_not_a_failure(tmp_path):
    out = _probe("ok", tmp_path / "gone.yaml")
    assert out["kind"] == "problems" and out["problems"] == ["gone.yaml:1:1: no such file"]


def test_a_pipe_past_descriptor_1023_still_answers():
    out = _probe("many-fds", SAMPLE)
    if "skip" in out:
        pytest.skip(out["skip"])
    assert out["fd"] >= 1024 and out["kind"] == "ok" and out["same"] is True


def test_a_killed_child_is_reported_as_no_answer():
    out = _probe("kill", SAMPLE)
    assert out["kind"] == "failed" and out["reaped"] is True


def test_a_child_that_never_answers_times_out_and_is_stopped(tmp_path):
    fifo = tmp_path / "never.yaml"
    os.mkfifo(fifo)  # opening it for reading blocks until a writer comes: none does
    out = _probe("fifo", fifo)
    assert out["kind"] == "failed" and "no answer in 1 s" in out["why"]
    assert out["seconds"] < 5 and out["reaped"] is True


def test_no_fork_while_other_threads_run():
    out = _probe("threads", SAMPLE)
    assert out == {"started": False, "started_after": True}
