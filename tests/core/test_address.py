"""One Address type (parse/format) and one table of element kinds with their user-facing names."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.core.briefing.address import ADDRESS_SECTIONS, Address, AddressError, section_of
from briefing_app.core.briefing.kinds import (
    ELEMENT_KINDS,
    element_label,
    element_title,
    kind_for_section,
    kind_of,
    short_excerpt,
)
from briefing_app.core.briefing.loader import load_briefing
from briefing_app.core.briefing.model import SECTIONS
from briefing_app.resources import sample_briefing


@pytest.fixture(scope="module")
def sample():
    return load_briefing(sample_briefing())


@pytest.mark.parametrize(("text", "section", "element"), [
    ("summary", "summary", None),
    ("actors", "actors", None),
    ("actors/japan", "actors", "japan"),
    ("key_points/kp-x", "key_points", "kp-x"),
    ("timeline/ev-2023-03-missile-firing", "timeline", "ev-2023-03-missile-firing"),
    ("quotes/0", "quotes", "0"),
])
def test_parse_and_format_round_trip(text, section, element):
    a = Address.parse(text)
    assert (a.section, a.element) == (section, element)
    assert str(a) == text
    assert Address(section, element) == a


@pytest.mark.parametrize(("text", "says"), [
    ("actor/japan", "'actor' is not a section (did you mean 'actors'?)"),
    ("people/japan", "'people' is not a section; expected 'summary', a section such as 'actors'"),
    ("actors/", "an id must follow 'actors/'"),
    ("actors/Japan", "'Japan' is not an id"),
    ("actors/japan/x", "'japan/x' is not an id"),
    ("summary/bluf", "the summary is one element"),
    ("", "'' is not a section"),
])
def test_parse_errors_say_what_is_wrong(text, says):
    with pytest.raises(AddressError) as info:
        Address.parse(text)
    assert str(info.value).startswith(f"{text!r} is not an element address")
    assert says in str(info.value)


def test_address_is_a_frozen_value():
    a = Address.parse("actors/japan")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.section = "quotes"  # type: ignore[misc]
    assert {a, Address("actors", "japan")} == {a}
    assert Address.parse("actors").is_element is False
    assert Address.parse("summary").is_element and a.is_element


def test_sections_are_the_contract_s():
    assert ADDRESS_SECTIONS == ("summary", "key_points", "actors", "relations", "timeline", "quotes", "sources")
    assert SECTIONS == ADDRESS_SECTIONS[1:]
    assert tuple(k.section for k in ELEMENT_KINDS) == ADDRESS_SECTIONS


@given(st.sampled_from(ADDRESS_SECTIONS[1:]), st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True))
def test_any_element_address_round_trips(section, ident):
    text = f"{section}/{ident}"
    assert str(Address.parse(text)) == text
    assert section_of(text) == section


def test_every_element_of_the_sample_has_a_kind_and_a_title_without_its_id(sample):
    seen = set()
    for address in sample.addresses():
        el = sample.element(address)
        kind = kind_of(el)
        assert kind is kind_for_section(Address.parse(address).section)
        assert isinstance(el, kind.model)
        title = element_title(sample, address)
        assert title and (el.id if hasattr(el, "id") else "summary") not in title, (address, title)
        assert element_label(sample, address).endswith(title)
        seen.add(kind.section)
    assert seen == set(ADDRESS_SECTIONS)


def test_labels_read_as_a_user_names_things(sample):
    assert element_label(sample, "actors/yoshimasa-hayashi") == "Actor: Yoshimasa Hayashi"
    assert element_label(sample, "summary") == "Bottom line up front"
    assert element_label(sample, "timeline/ev-2023-04-asw-exercise") == (
        "Event: Apr 2023 Russian warships hold anti-submarine exercises in the Sea of Japan")
    assert element_label(sample, "relations/rel-japan-nato-partner") == (
        "Relation: Japan \u2014 partner (not a member) \u2014 NATO")
    kp = element_label(sample, "key_points/kp-talks-under-way")
    assert kp.startswith("Key point: Japan's Foreign Minister confirms talks") and kp.endswith("\u2026")
    assert element_label(sample, "quotes/q-hayashi-discussions").startswith(
        "Quote: Yoshimasa Hayashi, \u201cWe are already in discussions")
    assert element_label(sample, "actors") == "Actors"
    assert element_label(sample, "actors/nobody") == "actors/nobody"  # gone: nothing better to show


def test_short_excerpt_cuts_at_a_word():
    assert short_excerpt("short text") == "short text"
    cut = short_excerpt("one two three four five six seven eight nine ten eleven twelve", 30)
    assert cut == "one two three four five six\u2026" and len(cut) <= 30
