"""The one merge rule (`newer`): which of two versions of an annotation a merge keeps, in any order."""

from __future__ import annotations

import dataclasses
import datetime as dt

from annotation_helpers import T0

from briefing_app.core.annotations import Annotation, AnnotationLayer, merge_layers, newer

LATER = T0 + dt.timedelta(hours=1)


def _a(note: str, created=T0, modified=T0) -> Annotation:
    return Annotation("x", "summary", None, None, "yellow", note, created=created, modified=modified)


def test_the_later_modified_wins_in_either_order():
    old, new = _a("old"), _a("new", modified=LATER)
    assert newer(old, new) is new and newer(new, old) is new


def test_created_counts_when_never_modified_and_undated_is_oldest():
    undated = _a("undated", created=None, modified=None)
    created_only = _a("created", created=T0, modified=None)
    assert newer(undated, created_only) is created_only and newer(created_only, undated) is created_only


def test_a_tie_is_broken_by_content_not_by_order():
    a, b = _a("alpha"), _a("beta")
    assert newer(a, b) is newer(b, a)
    same = dataclasses.replace(a)
    assert newer(a, same) == a  # identical versions: either is the same annotation


def test_merge_layers_keeps_what_newer_picks():
    pairs = [(_a("old"), _a("new", modified=LATER)), (_a("alpha"), _a("beta")),
             (_a("undated", created=None, modified=None), _a("created", modified=None))]
    for one, other in pairs:
        for order in ((one, other), (other, one)):
            layers = [AnnotationLayer("b", annotations=[order[0]]), AnnotationLayer("b", annotations=[order[1]])]
            assert merge_layers(layers).get("x") == newer(one, other)
