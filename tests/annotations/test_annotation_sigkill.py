"""A process killed (SIGKILL) while saving leaves the old or the new layer, never a mix.

The save (`save_layer` → `write_atomic`) is walked step by step. An
undisturbed save in a forked child first counts the steps the writer takes:
its call, and every Python line it runs (its own and those of the functions it
calls directly: `tempfile.mkstemp`, `os.fdopen`, …). Then, for each of those
steps in turn, a forked child starts the same save and SIGKILLs itself
exactly there (a trace function in the child; production code has no hook). After every kill the file
on disk must be one complete version — the old one until the rename, the new
one after it — and load; only the writer's temporary files may be left over.
The kill points are the same on every run: no timing, no randomness.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_app.core.annotations import (
    Annotation,
    AnnotationLayer,
    Selector,
    layer_to_bytes,
    load_layer,
    save_layer,
)
from briefing_app.core.io.atomic import write_atomic

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork()")

WRITER = write_atomic.__code__


def _version(tag: str, n: int) -> AnnotationLayer:
    anns = [Annotation(f"{tag}-{i:04d}", "summary", "bluf", Selector(f"{tag} excerpt {i} \x85\u2028 漢字", "p", "s", i, i + 9),
                       "yellow", note=f"{tag} note {i} " + "x" * 80) for i in range(n)]
    return AnnotationLayer("b", author=tag, annotations=anns)


def _trace_writer_steps(on_step: Callable[[], None]) -> None:
    """Call `on_step()` at the writer's call, and before every line it runs (its own, and those of the
    functions it calls directly: `tempfile.mkstemp`, `os.fdopen`, …)."""

    def lines(_frame, event, _arg):
        if event == "line":
            on_step()
        return lines

    def calls(frame, _event, _arg):
        if frame.f_code is WRITER:
            on_step()
            return lines
        if frame.f_back is not None and frame.f_back.f_code is WRITER:
            return lines
        return None

    sys.settrace(calls)


def _count_steps(layer: AnnotationLayer, path: Path) -> int:
    """How many steps the writer takes saving `layer`, counted in a forked child like the ones killed
    (a fresh process re-seeds tempfile's name generator, which takes steps of its own)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(r)
            steps = 0

            def count() -> None:
                nonlocal steps
                steps += 1

            _trace_writer_steps(count)
            save_layer(layer, path)
            sys.settrace(None)
            os.write(w, str(steps).encode())
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as pipe:
        answer = pipe.read()
    os.waitpid(pid, 0)
    return int(answer)


def _save_killed_at(step: int, layer: AnnotationLayer, path: Path) -> None:
    """Save `layer` in a child that SIGKILLs itself at writer step `step`."""
    pid = os.fork()
    if pid == 0:  # child
        try:
            seen = 0

            def maybe_die() -> None:
                nonlocal seen
                seen += 1
                if seen == step:
                    os.kill(os.getpid(), signal.SIGKILL)

            _trace_writer_steps(maybe_die)
            save_layer(layer, path)
        finally:
            os._exit(0)  # only reached if the step was never met
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"step {step}: not killed"


@pytest.mark.parametrize("start", ["old file", "no file yet"])
def test_sigkill_at_every_step_of_a_save_leaves_old_or_new(tmp_path, start):
    path = tmp_path / "b.annotations.yaml"
    old, new = _version("old", 300), _version("new", 450)
    old_bytes, new_bytes = layer_to_bytes(old), layer_to_bytes(new)

    def set_up() -> None:
        if start == "old file":
            path.write_bytes(old_bytes)
        else:
            path.unlink(missing_ok=True)

    set_up()
    steps = _count_steps(new, path)  # from the same start as every child
    assert steps >= 10  # the call, mkstemp, write, flush, fsync, chmod, rename, directory fsync …
    outcomes = []
    for step in range(1, steps + 1):
        set_up()
        _save_killed_at(step, new, path)
        data = path.read_bytes() if path.exists() else None
        if data is None:
            assert start == "no file yet", f"killed at step {step}: the layer is gone"
            outcomes.append("before")
            continue
        assert data in (old_bytes, new_bytes), f"killed at step {step}: the file is neither version ({len(data)} bytes)"
        assert load_layer(path).author in ("old", "new")
        outcomes.append("after" if data == new_bytes else "before")
    # every kill before the rename leaves what was there, every kill after it the new file
    assert outcomes == sorted(outcomes, key=lambda o: o == "after")
    assert "before" in outcomes and "after" in outcomes
    # killed writers may leave their temporary file behind, never a damaged layer
    leftovers = [p.name for p in tmp_path.iterdir() if p != path]
    assert leftovers and all(n.startswith(".b.annotations.yaml.") and n.endswith(".tmp") for n in leftovers)
