"""Every validator rule, each reported with its line and column; all problems at once."""

from __future__ import annotations

import pytest

from briefing_app.core.briefing.loader import parse_briefing_bytes
from briefing_app.core.problems import BriefingError

from .helpers import MINIMAL, with_lines


def problems(text: str):
    with pytest.raises(BriefingError) as info:
        parse_briefing_bytes(text.encode(), "f.yaml")
    return info.value.problems


def only(text: str):
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def line_of(text: str, fragment: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return n
    raise AssertionError(fragment)


def test_minimal_is_valid():
    b = parse_briefing_bytes(MINIMAL.encode(), "f.yaml")
    assert b.classification == "UNCLASSIFIED" and b.language == "en"
    assert b.summary.key_points[0].evidence[0].source == "src"  # bare excerpt cites the only source


def test_problem_prints_file_line_col():
    text = with_lines(("kind: state}", "kind: nation}"))
    p = only(text)
    assert str(p).startswith(f"f.yaml:{line_of(text, 'nation')}:")
    assert p.col == text.splitlines()[p.line - 1].index("nation") + 1


def test_missing_required_fields_are_each_reported():
    text = with_lines(("title: Test briefing\n", ""), ("  bluf: Foxes jump.\n", ""))
    found = problems(text)
    messages = [p.message for p in found]
    assert "the briefing: missing required field 'title'" in messages
    assert "summary: missing required field 'bluf'" in messages


def test_missing_element_field_names_the_element():
    text = with_lines(("    title: A jump\n", ""))
    p = only(text)
    assert p.message == "timeline/e1: missing required field 'title'"
    assert p.line == line_of(text, "- id: e1")


def test_unknown_top_level_key_gets_did_you_mean():
    text = MINIMAL + "autors: [Me]\n"
    p = only(text)
    assert p.message == "unknown field 'autors'; did you mean 'authors'?"
    assert (p.line, p.col) == (line_of(text, "autors"), 1)


def test_unknown_key_without_close_match_lists_known_fields():
    p = only(MINIMAL.replace("    date: 2023-03", "    date: 2023-03\n    zzz: 1"))
    assert p.message.startswith("timeline/e1: unknown field 'zzz'; known fields: id, date, title")


def test_extension_keys_are_kept_at_top_level():
    assert parse_briefing_bytes((MINIMAL + "x-tool: {v: 2}\n").encode(), "f").extensions == {"x-tool": {"v": "2"}}


@pytest.mark.parametrize(("old", "new"), [
    ("    date: 2023-03", "    date: 2023-03\n    x-note: hi"),  # an event
    ("  bluf: Foxes jump.", "  bluf: Foxes jump.\n  x-review: {by: desk}"),  # the summary
    ("      text: It jumps.", "      text: It jumps.\n      x-draft: true"),  # a key point
    ("    title: A source", "    title: A source\n    x-fetched-by: crawler"),  # a source
    ("{id: japan, name: Japan, kind: state}", "{id: japan, name: Japan, kind: state, x-iso: JP}"),  # an actor
    ("kind: member of}", "kind: member of, x-since: 2020}"),  # a relation
    ("    speaker: hayashi", "    speaker: hayashi\n    x-lang: en"),  # a quote
    ("{source: src, quote: jumps over the lazy dog}",
     "{source: src, quote: jumps over the lazy dog, x-page: 3}"),  # an evidence item
])
def test_extension_keys_are_allowed_and_ignored_in_every_mapping(old, new):
    b = parse_briefing_bytes(with_lines((old, new)).encode(), "f")
    assert b == parse_briefing_bytes(MINIMAL.encode(), "f")


def test_a_key_that_only_looks_like_an_extension_is_still_unknown():
    p = only(MINIMAL.replace("    date: 2023-03", "    date: 2023-03\n    xnote: hi"))
    assert "unknown field 'xnote'" in p.message


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("id: test-briefing", "id: Test_Briefing", "id: expected an id of lower-case letters"),
    ("as_of: 2023-05-01", "as_of: 2023-05", "as_of: expected a date as YYYY-MM-DD, found '2023-05'"),
    ("as_of: 2023-05-01", "as_of: 2023-02-30", "as_of: '2023-02-30' is not a real date"),
    ("date: 2023-03", "date: March 2023", "timeline/e1.date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    ("kind: state}", "kind: nation}", "actors/japan.kind: expected an actor kind"),
    ("confidence: moderate", "confidence: medium", "key_points/kp1.confidence: expected a confidence level"),
    ("title: A source", "title: A source\n    reliability: G", "sources/src.reliability: expected an Admiralty"),
    ("title: A source", "title: A source\n    url: ftp://x", "sources/src.url: expected a web address"),
    ("date: 2023-03", "date: 2023-03\n    approximate: yes", "timeline/e1.approximate: expected true or false"),
    ("title: Test briefing", "title: [a, b]", "title: expected text, found a list"),
    ("title: Test briefing", "title:", "title: expected text, found nothing (null)"),
    ("title: Test briefing", "title: '   '", "title: must not be empty"),
    ("title: Test briefing", "title: Test\nlanguage: 'english!'", "language: expected a BCP 47 language tag"),
    ("actors: [hayashi]", "actors: hayashi", "timeline/e1.actors: expected a list of actors ids"),
    ("evidence: [quick brown fox]", "evidence: quick brown fox", "key_points/kp1.evidence: expected a list"),
    ("date: 2023-03", "date: 2023-03\n    end: 2023-01",
     "timeline/e1.end: expected a date that does not end before 'date' (2023-03) begins, found 2023-01"),
    ("confidence: moderate", "confidence: moderate\n      kind: opinion", "key_points/kp1.kind: expected a key point "
                                                                         "kind (judgment, fact, assumption)"),
    ("confidence: moderate", "confidence: moderate\n      likelihood: probably",
     "key_points/kp1.likelihood: expected an ICD 203 likelihood term (almost no chance, remote"),
    ("confidence: moderate", "confidence: moderate\n      kind: fact\n      likelihood: likely",
     "key_points/kp1.likelihood: expected no likelihood on a fact"),
    ("title: Test briefing", "title: Test briefing\nproduct: [a]", "product: expected text, found a list"),
])
def test_field_rules(old, new, expected):
    text = with_lines((old, new))
    p = only(text)
    assert p.message.startswith(expected), p.message
    assert p.line >= 1 and p.col >= 1


def test_confidence_typo_gets_did_you_mean():
    p = only(with_lines(("confidence: moderate", "confidence: moderat")))
    assert "did you mean 'moderate'?" in p.message


def test_duplicate_ids_point_at_the_second_with_the_first_line():
    text = with_lines(("  - {id: japan, name: Japan, kind: state}",
                       "  - {id: japan, name: Japan, kind: state}\n  - {id: japan, name: Nippon, kind: state}"))
    p = only(text)
    assert p.message == f"actors/japan: duplicate id 'japan' in actors (first at line {line_of(text, 'Japan,')})"
    assert p.line == line_of(text, "Nippon")


def test_same_id_in_different_lists_is_fine():
    parse_briefing_bytes(with_lines(("id: e1", "id: japan")).encode(), "f")


@pytest.mark.parametrize(("old", "new", "bad", "expected"), [
    ("speaker: hayashi", "speaker: hayasi", "hayasi",
     "quotes/q1.speaker: no actor has the id 'hayasi'; did you mean 'hayashi'?"),
    ("affiliation: japan}", "affiliation: nippon}", "nippon",
     "actors/hayashi.affiliation: no actor has the id 'nippon'"),
    ("from: hayashi,", "from: kishida,", "kishida", "relations/r1.from: no actor has the id 'kishida'"),
    ("to: japan,", "to: jpn,", "jpn", "relations/r1.to: no actor has the id 'jpn'; did you mean 'japan'?"),
    ("actors: [hayashi]", "actors: [hayashi, nato]", "nato", "timeline/e1.actors[1]: no actor has the id 'nato'"),
    ("{source: src, quote:", "{source: scr, quote:", "scr",
     "timeline/e1.evidence[0].source: no source has the id 'scr'"),
])
def test_cross_references_resolve(old, new, bad, expected):
    text = with_lines((old, new))
    p = only(text)
    assert p.message.startswith(expected), p.message
    assert text.splitlines()[p.line - 1][p.col - 1:].startswith(bad)


def test_reference_to_an_actor_with_its_own_problem_is_not_reported_twice():
    found = problems(with_lines(("kind: state}", "kind: nation}")))
    assert [p.message.split(":")[0] for p in found] == ["actors/japan.kind"]


def test_excerpt_not_in_source_names_source_and_nearest_passage():
    text = with_lines(("quote: jumps over the lazy dog}", "quote: jumps over the lazy cat}"))
    p = only(text)
    assert p.message.startswith("timeline/e1.evidence[0].quote: excerpt 'jumps over the lazy cat' "
                                "is not found verbatim in source 'src'")
    assert "nearest passage (87% alike): 'jumps over the lazy dog.'" in p.message
    assert p.message.endswith("after 'jumps over the lazy': the source has 'dog.' where this has 'cat'")
    assert p.line == line_of(text, "lazy cat")


def test_excerpt_matches_across_white_space_and_normalisation():
    text = with_lines(("quote: jumps over the lazy dog}", 'quote: "jumps  over\\nthe lazy dog"}'))
    parse_briefing_bytes(text.encode(), "f")


def test_quote_text_must_be_verbatim():
    text = with_lines(("text: We are already in discussions.", "text: We are in discussions already."))
    p = only(text)
    assert p.message.startswith("quotes/q1.text: quote 'We are in discussions already.' is not found verbatim")
    assert p.line == line_of(text, "We are in discussions already")


def test_quote_with_evidence_is_checked_against_the_cited_source():
    text = with_lines(
        ("sources:\n", "sources:\n  - {id: other, title: Other, text: Nothing here.}\n"),
        ("text: We are already in discussions.",
         "text: We are already in discussions.\n    evidence: [{source: other, quote: Nothing here}]"),
    )
    found = problems(text)
    assert any(p.message.startswith("quotes/q1.text: quote") and "'other'" in p.message for p in found)


def test_bare_excerpt_needs_a_single_source():
    text = with_lines(("sources:\n", "sources:\n  - {id: other, title: Other, text: Nothing here.}\n"))
    p = only(text)
    assert "a bare excerpt needs exactly one source" in p.message


def test_sources_must_not_be_empty():
    text = MINIMAL.split("sources:")[0] + "sources: []\n" + "summary:" + MINIMAL.split("summary:")[1]
    found = problems(text)
    assert any(p.message == "sources: needs at least one entry" for p in found)


def test_every_problem_is_reported_in_file_order():
    text = with_lines(
        ("id: test-briefing", "id: Bad Id"),
        ("kind: state}", "kind: nation}"),
        ("speaker: hayashi", "speaker: nobody"),
        ("date: 2023-03", "date: 2023-13"),
    ) + "colour: red\n"
    found = problems(text)
    assert len(found) == 5
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_control_character_in_text_is_reported():
    p = only(with_lines(("bluf: Foxes jump.", 'bluf: "Foxes \\x1b[31m jump."')))
    assert "U+001B" in p.message


def test_optional_field_left_empty_counts_as_absent():
    b = parse_briefing_bytes(with_lines(("title: Test briefing", "title: Test briefing\nsubtitle:")).encode(), "f")
    assert b.subtitle is None


def test_misquote_says_where_it_departs_from_the_source():
    text = with_lines(("text: We are already in discussions.", "text: We are alredy in discussions."))
    p = only(text)
    assert "after 'We are': the source has 'already' where this has 'alredy'" in p.message


def test_a_changed_word_is_named_even_when_it_is_shorter_than_the_source_s():
    """'now' for 'already' makes the quote shorter than its passage: the nearest window of the
    quote's length starts a word late ('are already …'), and the difference used to be reported
    as a missing 'We' at the start. The passage is lined up with the quote first."""
    from pathlib import Path

    from briefing_app.core.briefing.loader import load_briefing

    sample = Path(__file__).resolve().parents[2] / "resources" / "briefings" / "japan-nato-liaison-office.yaml"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(k for k, line in enumerate(lines)
             if line.strip().startswith("We are already in discussions") and k > 400)  # the quote's text
    lines[i] = lines[i].replace("We are already", "We are now")
    with pytest.raises(BriefingError) as info:
        parse_briefing_bytes("".join(lines).encode(), "f")
    (p,) = info.value.problems
    assert p.message.endswith("after 'We are': the source has 'already' where this has 'now'")
    assert load_briefing(sample)  # the sample itself is untouched and valid


def test_quote_without_evidence_is_compared_with_every_source():
    text = with_lines(("sources:\n", "sources:\n  - {id: other, title: Other, text: Nothing here.}\n"),
                      ("evidence: [quick brown fox]", "evidence: [{source: src, quote: quick brown fox}]"),
                      ("text: We are already in discussions.", "text: We are alredy in discussions."))
    p = only(text)
    assert "not found verbatim in source 'other' or 'src'" in p.message
    assert "nearest passage in 'src'" in p.message


def test_annotation_file_opened_as_briefing_gets_one_sentence():
    text = "format: annotations/1\nbriefing: japan-nato\nauthor: A\nannotations: []\n"
    p = only(text)
    assert p.message.startswith("this is an annotation file (annotations/1), not a briefing")
    assert "'japan-nato'" in p.message


@pytest.mark.parametrize(("date", "end"), [
    ("2020-12-18", "2020-12"),  # ends in December 2020, the month the range starts in
    ("2020-12-18", "2020"),
    ("2020-12", "2020-12-01"),  # the month's first day can still follow the start
    ("2020", "2020-01"),
    ("2020-03", "2020-03"),
    ("2020-03-05", "2020-03-05"),
])
def test_a_range_is_valid_unless_end_is_over_before_date_begins(date, end):
    text = with_lines(("date: 2023-03", f"date: {date}\n    end: {end}"))
    ev = parse_briefing_bytes(text.encode(), "f").timeline[0]
    assert (ev.date.iso(), ev.end.iso()) == (date, end)


@pytest.mark.parametrize(("date", "end"), [
    ("2020-12-18", "2020-11"),
    ("2020-12-18", "2020-12-17"),
    ("2021", "2020-12"),
    ("2020-12", "2020-11-30"),
    ("2021-01-01", "2020"),
])
def test_a_range_ending_before_it_begins_is_reported_at_the_end_line(date, end):
    text = with_lines(("date: 2023-03", f"date: {date}\n    end: {end}"))
    p = only(text)
    assert p.message == (f"timeline/e1.end: expected a date that does not end before 'date' ({date}) begins, "
                         f"found {end}")
    assert (p.line, p.col) == (line_of(text, f"end: {end}"), len("    end: ") + 1)


def test_key_point_kind_likelihood_and_product_reach_the_model():
    text = with_lines(("title: Test briefing", "title: Test briefing\nproduct: Situation report"),
                      ("confidence: moderate", "confidence: moderate\n      likelihood: roughly even odds"))
    b = parse_briefing_bytes(text.encode(), "f")
    assert b.product == "Situation report"
    kp = b.summary.key_points[0]
    assert (kp.kind, kp.likelihood) == ("judgment", "roughly even odds")
    assert parse_briefing_bytes(MINIMAL.encode(), "f").product is None


@pytest.mark.parametrize("kind", ["judgment", "fact", "assumption"])
def test_every_key_point_kind_is_accepted(kind):
    text = with_lines(("confidence: moderate", f"kind: {kind}"))
    assert parse_briefing_bytes(text.encode(), "f").summary.key_points[0].kind == kind


def test_a_fact_with_a_likelihood_is_reported_at_the_likelihood_line():
    text = with_lines(("confidence: moderate", "kind: fact\n      likelihood: very likely"))
    p = only(text)
    assert p.message.startswith("key_points/kp1.likelihood: expected no likelihood on a fact")
    assert "found 'very likely'" in p.message
    assert (p.line, p.col) == (line_of(text, "likelihood:"), len("      likelihood: ") + 1)


def test_likelihood_typo_gets_did_you_mean():
    p = only(with_lines(("confidence: moderate", "likelihood: very likley")))
    assert "did you mean 'very likely'?" in p.message


def test_the_model_keeps_where_each_element_and_field_stands():
    b = parse_briefing_bytes(MINIMAL.encode(), "f")
    assert b.locations.of("timeline/e1") == (line_of(MINIMAL, "- id: e1"), 5)
    assert b.locations.of("timeline/e1", "title") == (line_of(MINIMAL, "title: A jump"), 5)
    assert b.locations.of("key_points/kp1", "confidence") == (line_of(MINIMAL, "confidence:"), 7)
    assert b.locations.of("summary", "bluf") == (line_of(MINIMAL, "bluf:"), 3)
    assert b.locations.of("", "as_of") == (line_of(MINIMAL, "as_of:"), 1)
    assert b.locations.of("timeline/e1", "no-such-field") == b.locations.of("timeline/e1")
    assert b.locations.of("actors/nobody") == (1, 1)


def test_a_misspelt_required_field_is_one_problem_at_the_typo():
    """`asof:` for `as_of:` used to give two lines (unknown 'asof' and missing 'as_of'); the fix is
    one change at the typo, so one problem there says so."""
    text = MINIMAL.replace("as_of:", "asof:")
    p = only(text)
    assert p.line == line_of(text, "asof:")
    assert p.message == "unknown field 'asof'; did you mean 'as_of'? (it is required)"


def test_a_missing_required_field_with_no_near_typo_is_still_reported():
    text = MINIMAL.replace("as_of: 2023-05-01", "x-note: nothing")
    assert "missing required field 'as_of'" in only(text).message
