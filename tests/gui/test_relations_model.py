"""The Relations table's model and proxy: Qt's model tester, names not ids, roles, sorting and filtering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.pages.models import Role
from briefing_app.gui.pages.relations_model import COLUMNS, RelationsModel, RelationsProxy

from .factory import make_briefing

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def rows(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_model_passes_modeltester(qtmodeltester, sample_briefing):
    m = RelationsModel()
    m.set_briefing(sample_briefing)
    qtmodeltester.check(m, force_py=True)
    for b in (make_briefing(), None, sample_briefing):  # the tester watches the resets
        m.set_briefing(b)
    assert m.rowCount() == len(sample_briefing.relations)


def test_proxy_passes_modeltester(qtmodeltester, sample_briefing):
    m = RelationsModel()
    m.set_briefing(sample_briefing)
    p = RelationsProxy()
    p.setSourceModel(m)
    p.sort(4, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(p, force_py=True)
    p.set_actor("japan")  # the tester watches the rows come and go
    p.set_text("nato")
    assert 0 < p.rowCount() < m.rowCount()
    m.set_briefing(make_briefing())


def test_rows_show_names_and_counts_never_ids(sample_briefing):
    m = RelationsModel()
    m.set_briefing(sample_briefing)
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == list(COLUMNS)
    assert m.rowCount() == len(sample_briefing.relations)
    first = rows(m)[0]
    assert first == ["Japan", "partner (not a member)", "NATO",
                     "Japan works with NATO as a partner; it is not a treaty member.", "1"]
    ids = {a.id for a in sample_briefing.actors} - {a.name for a in sample_briefing.actors}
    shown = {cell for row in rows(m) for cell in row[:3]}
    assert not shown & ids  # "chinese-foreign-ministry" never, "Chinese Foreign Ministry" instead
    assert "Chinese Foreign Ministry" in shown
    invasion = m.index(m.row_of("relations/rel-russia-ukraine-invasion"), 4)
    assert invasion.data() == "2" and invasion.data(Role.SORT) == 2


def test_roles_give_address_element_and_actors(sample_briefing):
    m = RelationsModel()
    m.set_briefing(sample_briefing)
    idx = m.index(0, 2)
    rel = sample_briefing.relations[0]
    assert idx.data(Role.ADDRESS) == "relations/rel-japan-nato-partner" == rel.address
    assert idx.data(Role.ELEMENT) is rel
    assert idx.data(Role.ACTORS) == ("japan", "nato")
    assert m.row_of("relations/nope") == -1


def test_proxy_sorts_on_the_sort_role_and_filters_by_actor_and_text(sample_briefing):
    m = RelationsModel()
    m.set_briefing(sample_briefing)
    p = RelationsProxy()
    p.setSourceModel(m)
    p.sort(4, Qt.SortOrder.DescendingOrder)  # numbers, not text: 2 before 1
    assert p.index(0, 0).data(Role.ADDRESS) == "relations/rel-russia-ukraine-invasion"
    p.sort(0, Qt.SortOrder.AscendingOrder)
    froms = [p.index(r, 0).data() for r in range(p.rowCount())]
    assert froms == sorted(froms, key=str.lower)
    p.set_actor("ukraine")
    assert {p.index(r, 0).data(Role.ADDRESS) for r in range(p.rowCount())} == {
        "relations/rel-nato-ukraine-liaison-office", "relations/rel-russia-ukraine-invasion"}
    p.set_text("AGGRESSION")  # the note, case-insensitively
    assert [p.index(r, 0).data(Role.ADDRESS) for r in range(p.rowCount())] == [
        "relations/rel-russia-ukraine-invasion"]
    p.set_actor("")
    p.set_text("chinese foreign")  # an actor's name, not its id
    assert [p.index(r, 1).data() for r in range(p.rowCount())] == ["accused"]
    p.set_text("")
    assert p.rowCount() == m.rowCount()
