"""Verbatim matching after NFC and white-space collapsing, mapped back to raw offsets."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.core.briefing.textmatch import NormalisedText, nearest_match, normalise


def test_normalise_collapses_and_composes():
    assert normalise("  a \n\n b\t c  ") == "a b c"
    assert normalise("cafe\u0301") == "caf\u00e9"
    assert normalise("line\u2028break\u0085here") == "line break here"


def test_find_spans_raw_text_across_line_breaks():
    raw = "Hayashi said,\n  \u201cWe are already\n in discussions.\u201d"
    nt = NormalisedText(raw)
    span = nt.find("We are already in discussions.")
    assert span is not None
    assert raw[span[0]:span[1]] == "We are already\n in discussions."


def test_find_with_decomposed_source():
    raw = "Le cafe\u0301 est ouvert."
    nt = NormalisedText(raw)
    start, end = nt.find("caf\u00e9 est")
    assert raw[start:end] == "cafe\u0301 est"


def test_missing_and_empty_needles():
    nt = NormalisedText("some text")
    assert nt.find("absent") is None
    assert nt.find("   ") is None
    assert not nt.contains("")


def test_many_lookups_use_the_index_and_agree_with_plain_search():
    words = [f"word{i % 97}" for i in range(5000)]
    raw = " ".join(words)
    nt = NormalisedText(raw)
    for i in range(0, 4900, 37):
        needle = " ".join(words[i:i + 9])
        span = nt.find(needle)
        assert span is not None
        assert normalise(raw[span[0]:span[1]]) == needle
    assert nt._index is not None  # the index was built and used
    assert nt.find("word1 word3 word5 word7 word9 word11") is None


def test_nearest_match_explains_a_near_miss():
    near, score = nearest_match("The quick brown fox jumps over the lazy dog.", "quick brown fax jumps")
    assert "quick brown" in near
    assert score > 0.8


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), st.data())
def test_any_substring_is_found_at_a_span_that_normalises_to_it(raw, data):
    nt = NormalisedText(raw)
    if not nt.text:
        return
    i = data.draw(st.integers(0, len(nt.text) - 1))
    j = data.draw(st.integers(i + 1, len(nt.text)))
    needle = nt.text[i:j]
    if not needle.strip():
        return
    span = nt.find(needle)
    assert span is not None
    assert normalise(needle) in normalise(raw[span[0]:span[1]]) or unicodedata.normalize("NFC", needle) in nt.text


@pytest.mark.parametrize("raw", ["\uf900", "a \uf900 b\u0301", "\u212b ngstr\u00f6m"])
def test_singleton_decompositions_are_normalised_in_the_offset_map(raw):
    """U+F900 and U+212B change under NFC on their own; the map must not keep them raw."""
    nt = NormalisedText(raw)
    needle = unicodedata.normalize("NFC", raw).split()[0]
    span = nt.find(needle)
    assert span is not None
    assert unicodedata.normalize("NFC", raw[span[0]:span[1]]) == needle
    assert nt.text == normalise(raw)
