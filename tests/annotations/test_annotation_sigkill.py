"""A process killed (SIGKILL) while saving leaves the old or the new layer, never a mix.

A forked child loops saving two alternating versions of a layer through the
store (`save_layer` → `write_atomic`); the parent kills it at a random moment,
then checks the file on disk is one of the two complete versions and loads.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time

import pytest

from briefing_app.core.annotations import (
    Annotation,
    AnnotationLayer,
    Selector,
    layer_to_bytes,
    load_layer,
    save_layer,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork()")

KILLS = 220


def _version(tag: str, n: int) -> AnnotationLayer:
    anns = [Annotation(f"{tag}-{i:04d}", "summary", "bluf", Selector(f"{tag} excerpt {i} \x85\u2028 漢字", "p", "s", i, i + 9),
                       "yellow", note=f"{tag} note {i} " + "x" * 80) for i in range(n)]
    return AnnotationLayer("b", author=tag, annotations=anns)


def test_sigkill_while_saving_leaves_old_or_new(tmp_path):
    path = tmp_path / "b.annotations.yaml"
    old, new = _version("old", 300), _version("new", 450)
    versions = {layer_to_bytes(old), layer_to_bytes(new)}
    save_layer(old, path)
    rng = random.Random(20261128)
    deadline = time.monotonic() + 25
    kills = 0
    while kills < KILLS and time.monotonic() < deadline:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: save alternating versions until killed
            try:
                os.close(r)
                os.write(w, b"1")
                i = 0
                while True:
                    save_layer(new if i % 2 == 0 else old, path)
                    i += 1
            finally:
                os._exit(0)
        os.close(w)
        os.read(r, 1)  # the child is running
        os.close(r)
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        kills += 1
        data = path.read_bytes()
        assert data in versions, f"after kill {kills}: the file is neither version ({len(data)} bytes)"
        assert load_layer(path).author in ("old", "new")
    assert kills >= 200, f"only {kills} kills in the time allowed"
    # Killed writers may leave their temporary file behind, never a damaged layer.
    leftovers = [p.name for p in tmp_path.iterdir() if p != path]
    assert all(n.startswith(".b.annotations.yaml.") and n.endswith(".tmp") for n in leftovers)
