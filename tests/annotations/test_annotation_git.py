"""Two analysts edit copies of one layer; `git merge-file` merges them without conflicts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from briefing_app.core.annotations import (
    Annotation,
    AnnotationLayer,
    Selector,
    layer_to_bytes,
    parse_layer_bytes,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

T = dt.datetime(2026, 11, 28, 18, 0, tzinfo=dt.UTC)


def _base() -> AnnotationLayer:
    anns = [Annotation(f"id-{i:02d}", "summary", "bluf", Selector(f"text {i}", "p", "s", i, i + 6),
                       "yellow", note=f"note {i}", tags=("t",), author="A", created=T, modified=T)
            for i in range(0, 20, 2)]
    return AnnotationLayer("b", briefing_digest="sha256:" + "0" * 64, author="A", annotations=anns)


def _merge(tmp_path, base, ours, theirs):
    files = []
    for name, layer in (("ours", ours), ("base", base), ("theirs", theirs)):
        p = tmp_path / f"{name}.annotations.yaml"
        p.write_bytes(layer_to_bytes(layer))
        files.append(str(p))
    res = subprocess.run(["git", "merge-file", "-p", *files], capture_output=True)
    assert res.returncode == 0, res.stdout.decode()  # 0 = clean merge, >0 = number of conflicts
    return parse_layer_bytes(res.stdout, "merged")


def _edit(layer, ident, minutes, **kw):
    layer.replace(layer.get(ident).edited(when=T + dt.timedelta(minutes=minutes), **kw))


@pytest.mark.parametrize("a,b", [("id-04", "id-06"), ("id-00", "id-18"), ("id-08", "id-10")])
def test_edits_to_different_annotations_merge_cleanly(tmp_path, a, b):
    base, ours, theirs = _base(), _base(), _base()
    _edit(ours, a, 5, note="ours\nchanged", color="pink")
    _edit(theirs, b, 7, tags=("t", "x"), confidence="low")
    merged = _merge(tmp_path, base, ours, theirs)
    assert merged.get(a) == ours.get(a)
    assert merged.get(b) == theirs.get(b)
    assert len(merged) == len(base)


def test_add_next_to_an_edit_and_delete_elsewhere_merge_cleanly(tmp_path):
    base, ours, theirs = _base(), _base(), _base()
    _edit(ours, "id-04", 5, note="edited")
    ours.remove("id-12")
    theirs.add(Annotation("id-05", "summary", note="new between 04 and 06", created=T, modified=T))
    theirs.add(Annotation("id-99", "summary", note="new at the end", created=T, modified=T))
    merged = _merge(tmp_path, base, ours, theirs)
    assert merged.get("id-04").note == "edited"
    assert merged.get("id-05").note == "new between 04 and 06"
    assert merged.get("id-99") is not None
    assert merged.get("id-12") is None
    assert len(merged) == len(base) + 1
