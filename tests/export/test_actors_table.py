"""The actors table: kinds as the reader shows them, no columns of dashes."""

from __future__ import annotations

import dataclasses

from briefing_app.export.builder import BriefOptions, build_brief

from .factory import make_briefing
from .pdftools import flat, pages_text

ONLY_ACTORS = BriefOptions(sections=("actors",))


def _text(b, tmp_path) -> str:
    return flat(" ".join(pages_text(build_brief(b, (), ONLY_ACTORS), tmp_path)))


def test_kinds_capitalised_and_role_folded_with_affiliation(tmp_path):
    b = make_briefing("zz")
    text = _text(b, tmp_path)
    assert "Person" in text and "State" in text
    assert " person " not in f" {text} " and " state " not in f" {text} "
    assert "Role / affiliation" in text
    assert "Affiliation" not in text.replace("Role / affiliation", "")
    assert "Role zz" in text and "State zz" in text


def test_no_role_column_when_no_actor_has_one(tmp_path):
    b = make_briefing("zz")
    b = dataclasses.replace(b, actors=tuple(dataclasses.replace(a, role=None, affiliation=None)
                                            for a in b.actors))
    text = _text(b, tmp_path)
    assert "Role" not in text and "—" not in text
    assert "Person" in text and "Actor zz" in text

