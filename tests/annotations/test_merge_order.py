"""Merging annotation layers gives the same bytes whatever the order of the inputs (issue 11, defect 3)."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import sys

import pytest
from annotation_helpers import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.annotations import (
    Annotation,
    AnnotationLayer,
    layer_to_bytes,
    load_layer,
    merge_layers,
    save_layer,
)
from briefing_app.core.annotations.merge import newer, summarise_merge

BRIEFING = "japan-nato-liaison-office"
#: Few timestamps, so that the same id often carries the same `modified` in several layers.
TIMES = [None] + [dt.datetime(2026, 1, d, tzinfo=dt.UTC) for d in (1, 2)]
NAMES = st.sampled_from(["", "A. Analyst", "B. Colleague", "C. Third"])


@st.composite
def annotations(draw) -> Annotation:
    return Annotation(
        draw(st.sampled_from(["a", "b", "c", "d"])), draw(st.sampled_from(["summary", "actors/japan"])),
        note=draw(st.sampled_from(["", "x", "y", "long note"])),
        color=draw(st.sampled_from([None, "yellow", "pink"])),
        tags=tuple(draw(st.lists(st.sampled_from(["core", "follow-up"]), max_size=2, unique=True))),
        author=draw(NAMES), created=draw(st.sampled_from(TIMES)), modified=draw(st.sampled_from(TIMES)),
    )


@st.composite
def layers(draw) -> AnnotationLayer:
    items = {a.id: a for a in draw(st.lists(annotations(), max_size=5))}
    extras = draw(st.dictionaries(st.sampled_from(["x-team", "x-case"]), st.sampled_from(["red", "blue", 3]),
                                  max_size=2))
    return AnnotationLayer(BRIEFING, briefing_digest=draw(st.sampled_from([None, "sha256:" + "1" * 64,
                                                                            "sha256:" + "2" * 64])),
                           author=draw(NAMES), annotations=items.values(), extras=extras.items())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(layers(), min_size=1, max_size=4))
def test_merge_is_the_same_bytes_in_every_order(inputs):
    outputs = {layer_to_bytes(merge_layers(list(order))) for order in itertools.permutations(inputs)}
    assert len(outputs) == 1
    merged = merge_layers(inputs)
    for layer in inputs:  # nothing is dropped, and each id keeps a version one of the layers had
        for a in layer:
            assert merged.get(a.id) in [la.get(a.id) for la in inputs]
    summary = summarise_merge(inputs, merged)
    assert (summary.kept, summary.replaced, summary.added) == (0, 0, len(merged))


def test_newer_modified_wins_and_a_tie_is_decided_by_content():
    t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    old = Annotation("a", "summary", note="old", modified=t)
    new = Annotation("a", "summary", note="new", modified=t + dt.timedelta(seconds=1))
    assert newer(old, new) is new and newer(new, old) is new
    x, y = Annotation("a", "summary", note="x", modified=t), Annotation("a", "summary", note="y", modified=t)
    assert newer(x, y) == newer(y, x)
    naive = Annotation("a", "summary", note="naive", modified=dt.datetime(2027, 1, 1))  # read as UTC
    assert newer(new, naive) is naive


def test_header_rule():
    a = AnnotationLayer(BRIEFING, author="B. Colleague", briefing_digest="sha256:" + "1" * 64,
                        extras=[("x-team", "red")])
    b = AnnotationLayer(BRIEFING, author="A. Analyst", briefing_digest="sha256:" + "1" * 64,
                        extras=[("x-team", "blue"), ("x-case", 7)])
    c = AnnotationLayer(BRIEFING, author="B. Colleague")
    merged = merge_layers([a, b, c])
    assert merged.author == "B. Colleague"  # most layers name them
    assert merged.briefing_digest == "sha256:" + "1" * 64  # every layer that records one agrees
    assert merged.extras == (("x-case", 7), ("x-team", "blue"))  # a tie: the smallest written
    assert merge_layers([a, b]).author == "A. Analyst"  # a tie: alphabetically first
    other = AnnotationLayer(BRIEFING, briefing_digest="sha256:" + "2" * 64)
    assert merge_layers([a, other]).briefing_digest is None  # made on different versions
    assert merge_layers([a, b], author="Me").author == "Me"


def _run(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_app.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def two_layers(tmp_path, layer):
    """Two analysts' layers of the sample: a tie on one annotation, newer edits on each side."""
    shutil.copy(SAMPLE, tmp_path / "brief.yaml")
    save_layer(layer, tmp_path / "brief.annotations.yaml")  # A. Analyst
    theirs = load_layer(tmp_path / "brief.annotations.yaml")
    theirs.author = "B. Colleague"
    tie = theirs.get("c-actor")
    theirs.replace(tie.edited(when=tie.modified, note="their reading, same second"))
    theirs.replace(theirs.get("a-bluf").edited(when=dt.datetime(2030, 1, 1, tzinfo=dt.UTC), note="theirs, newer"))
    theirs.add(Annotation("e-theirs", "summary", note="only theirs", author="B. Colleague"))
    save_layer(theirs, tmp_path / "colleague.annotations.yaml")
    return tmp_path


def test_cli_merge_in_both_orders_writes_the_same_bytes(two_layers):
    ab = _run("annotations", "merge", "brief.annotations.yaml", "colleague.annotations.yaml", "-o", "ab.yaml",
              cwd=two_layers)
    ba = _run("annotations", "merge", "colleague.annotations.yaml", "brief.annotations.yaml", "-o", "ba.yaml",
              cwd=two_layers)
    assert ab.returncode == ba.returncode == 0, ab.stderr + ba.stderr
    assert (two_layers / "ab.yaml").read_bytes() == (two_layers / "ba.yaml").read_bytes()
    assert ab.stderr.splitlines()[-2] == "merged 2 layers into ab.yaml: 0 kept, 0 replaced, 4 added, 1 conflict"
    assert ba.stderr.replace("ba.yaml", "ab.yaml") == ab.stderr
    merged = load_layer(two_layers / "ab.yaml")
    # the conflict names its id and the version kept: when it was modified, and by whom (its layer's author)
    kept = merged.get("c-actor")
    when = kept.modified.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    who = "B. Colleague" if kept.note == "their reading, same second" else "A. Analyst"
    assert ab.stderr.splitlines()[-1] == f"conflict: c-actor: kept the version modified {when} by {who}"
    assert merged.author == "A. Analyst" and merged.get("a-bluf").note == "theirs, newer"


def test_cli_merge_into_ones_own_layer_keeps_its_author(two_layers):
    # The colleague's layer merged into B's own file: B stays its author although "A. Analyst" sorts first.
    res = _run("annotations", "merge", "brief.annotations.yaml", "colleague.annotations.yaml",
               "-o", "colleague.annotations.yaml", cwd=two_layers)
    assert res.returncode == 0, res.stderr
    assert res.stderr.splitlines()[-2] == ("merged 2 layers into colleague.annotations.yaml: "
                                           "3 kept, 1 replaced, 0 added, 1 conflict")
    assert res.stderr.splitlines()[-1].startswith("conflict: c-actor: kept the version modified ")
    merged = load_layer(two_layers / "colleague.annotations.yaml")
    assert merged.author == "B. Colleague" and len(merged) == 4
