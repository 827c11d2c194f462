"""The annotation store: deterministic output, exact round trips, located errors, safe opening."""

from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.annotations import (
    COLORS,
    Annotation,
    AnnotationLayer,
    Selector,
    layer_to_bytes,
    load_layer,
    merge_layers,
    open_layer,
    parse_layer_bytes,
    save_layer,
)
from briefing_app.core.problems import BriefingError

RISKY = "\x85\u2028\u2029\x00\x01\x07\x1b\x7f\x9f\t\r\n\"\\'#: -{}[]&*!|>%@`\ufeff\u200b\u202e\xa0漢字かな😀👍🏽\U0010fffd"


def text_strategy():
    # Every code point except lone surrogates (not valid UTF-8), weighted towards trouble.
    return st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
        st.text(st.sampled_from(RISKY + "ab "), max_size=40),
    )


def annotations_strategy():
    stamp = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
                         timezones=st.just(dt.UTC))
    offsets = st.none() | st.lists(st.integers(0, 10**6), min_size=2, max_size=2).map(sorted)
    selector = st.builds(lambda e, p, s, o: Selector(e, p, s, *(o or (None, None))),
                         text_strategy(), text_strategy(), text_strategy(), offsets)
    return st.builds(
        Annotation,
        id=st.one_of(st.uuids().map(str), text_strategy().filter(lambda s: s.strip())),
        target=st.sampled_from(["summary", "actors/nato", "quotes/q-1", "sources/s_2.x"]),
        field=st.none() | st.sampled_from(["text", "bluf", "description"]),
        selector=st.none() | selector,
        color=st.none() | st.sampled_from(COLORS),
        note=text_strategy(),
        tags=st.lists(text_strategy().filter(lambda s: s.strip()), max_size=3).map(tuple),
        confidence=st.none() | st.sampled_from(["high", "moderate", "low"]),
        author=text_strategy(),
        created=st.none() | stamp,
        modified=st.none() | stamp,
    ).map(lambda a: a if a.selector is None or a.field else Annotation(**{**_fields(a), "field": "text"}))


def _fields(a: Annotation) -> dict:
    return {k: getattr(a, k) for k in a.__dataclass_fields__}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(annotations_strategy(), max_size=6, unique_by=lambda a: a.id), text_strategy())
def test_round_trip_is_identical_for_any_unicode(annotations, author):
    layer = AnnotationLayer("japan-nato", briefing_digest="sha256:" + "a" * 64, author=author,
                            annotations=annotations)
    data = layer_to_bytes(layer)
    back = parse_layer_bytes(data, "x.annotations.yaml")
    assert list(back) == list(layer)
    assert back.author == author
    assert layer_to_bytes(back) == data  # and deterministic


def test_naive_yaml_dump_would_lose_characters():
    # Why the store has its own emitter: PyYAML's dumper writes these raw and they do not survive.
    tricky = "a\x85b\u2028c\u2029d"
    assert yaml.safe_load(yaml.dump({"x": tricky}, allow_unicode=True)) != {"x": tricky}
    layer = AnnotationLayer("b", annotations=[Annotation("1x", "summary", note=tricky)])
    assert parse_layer_bytes(layer_to_bytes(layer), "f").get("1x").note == tricky


def test_output_is_sorted_and_one_line_per_value(layer):
    data = layer_to_bytes(layer).decode()
    ids = [line.split(": ", 1)[1] for line in data.splitlines() if line.startswith("  - id: ")]
    assert ids == sorted(ids) == ["a-bluf", "b-quote", "c-actor"]
    # a long note stays on one line (no folding), blocks separated by blank lines
    long_note = "word " * 200
    layer.replace(layer.get("a-bluf").edited(note=long_note))
    data = layer_to_bytes(layer).decode()
    assert any(line.startswith("    note: ") and len(line) > 1000 for line in data.splitlines())
    assert "\n\n  - id: b-quote\n" in data
    # insertion order does not matter
    again = AnnotationLayer(layer.briefing, briefing_digest=layer.briefing_digest, author=layer.author,
                            annotations=reversed(list(layer)))
    assert layer_to_bytes(again) == layer_to_bytes(layer)


def test_key_order_follows_the_contract(layer):
    block = layer_to_bytes(layer).decode().split("  - id: a-bluf\n", 1)[1].split("\n\n", 1)[0]
    keys = [ln.strip().split(":", 1)[0] for ln in block.splitlines() if ln.startswith("    ") and not ln.startswith("      ")]
    assert keys == ["target", "field", "selector", "color", "note", "tags", "confidence", "author", "created", "modified"]


def test_unknown_keys_survive_a_save():
    src = (b'format: annotations/1\nbriefing: b\nx-tool: {a: [1, "two"]}\nannotations:\n'
           b'  - id: k1\n    target: summary\n    x-rating: 4\n    x-when: 2026-01-02\n')
    layer = parse_layer_bytes(src, "f")
    again = parse_layer_bytes(layer_to_bytes(layer), "f")
    assert again.extras == (("x-tool", {"a": [1, "two"]}),)
    assert again.get("k1").extras == (("x-rating", 4), ("x-when", dt.date(2026, 1, 2)))


BAD = [
    (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: nowhere/x\n",
     "f:5:13: annotation a.target: expected an element address") ,
    (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: summary\n    color: teal\n",
     "f:6:12: annotation a.color: expected one of yellow"),
    (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: summary\n  - id: a\n    target: summary\n",
     "f:6:5: annotation id 'a' is used twice (first at line 4)"),
    (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: summary\n    field: text\n"
     b"    selector: {exact: x, start: 5, end: 2}\n", "f:7:41: annotation a.selector.end: 2 is before start 5"),
    (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: summary\n    created: yesterday\n",
     "f:6:14: annotation a.created: expected a date and time"),
    (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: summary\n    tags: core\n",
     "f:6:11: annotation a.tags: expected a list"),
    (b"format: annotations/1\nbriefing: b\nannotations: [\n", "f:4:1: not valid YAML"),
    (b"format: annotations/1\nbriefing: b\nbriefing: c\nannotations: []\n", "f:3:1: duplicate key 'briefing' (first given at line 2)"),
    (b"briefing: b\nannotations: []\n", "f:1:1: 'format' is missing"),
    (b"format: annotations/1\nbriefing: b\nannotations: []\n\xff\n", "f:4:1: the file is not UTF-8"),
    (b"", "f:1:1: the file is empty"),
    (b"- 1\n", "f:1:1: the file: expected a mapping"),
]


@pytest.mark.parametrize("data,expected", BAD)
def test_bad_files_give_located_problems(data, expected):
    with pytest.raises(BriefingError) as info:
        parse_layer_bytes(data, "f")
    assert any(str(p).startswith(expected) for p in info.value.problems), info.value.problems


def test_every_problem_is_reported_not_just_the_first():
    data = (b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: summary\n    color: teal\n"
            b"  - id: b\n    target: summary\n    confidence: sure\n")
    with pytest.raises(BriefingError) as info:
        parse_layer_bytes(data, "f")
    assert [(p.line, p.col) for p in info.value.problems] == [(6, 12), (9, 17)]


def test_newer_format_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "b.annotations.yaml"
    original = b"format: annotations/2\nbriefing: b\nannotations: []\nnew-thing: 1\n"
    path.write_bytes(original)
    with pytest.raises(BriefingError) as info:
        load_layer(path, "b.annotations.yaml")
    assert str(info.value.problems[0]).startswith("b.annotations.yaml:1:9: made by a newer version")
    opened = open_layer(path, "b", "Me")
    assert opened.layer.read_only and "newer version" in opened.message
    assert opened.suggested_path == tmp_path / "b-2.annotations.yaml"
    with pytest.raises(PermissionError):
        opened.layer.add(Annotation("x", "summary"))
    with pytest.raises(PermissionError):
        save_layer(opened.layer)
    assert path.read_bytes() == original


def test_corrupt_file_is_kept_and_layer_opens_read_only(tmp_path):
    path = tmp_path / "b.annotations.yaml"
    original = b"format: annotations/1\nbriefing: b\nannotations:\n  - id: a\n    target: [\n"
    path.write_bytes(original)
    opened = open_layer(path, "b", "Me")
    assert opened.layer.read_only
    assert "cannot be read" in opened.message and "left untouched" in opened.message
    assert opened.problems and opened.problems[0].line >= 5
    # the analyst is offered a fresh layer beside it, which works normally
    fresh = open_layer(opened.suggested_path, "b", "Me")
    assert fresh.created and not fresh.layer.read_only
    fresh.layer.add(Annotation("x", "summary"))
    save_layer(fresh.layer)
    assert path.read_bytes() == original
    assert load_layer(opened.suggested_path).get("x") is not None


def test_layer_for_another_briefing_opens_read_only(tmp_path, layer):
    path = tmp_path / "x.annotations.yaml"
    save_layer(layer, path)
    opened = open_layer(path, "another-briefing")
    assert opened.layer.read_only and "another-briefing" in opened.message
    assert len(opened.layer) == 3


def test_missing_file_is_a_new_layer_written_on_save(tmp_path):
    path = tmp_path / "n.annotations.yaml"
    opened = open_layer(path, "b", "Me", "sha256:" + "1" * 64)
    assert opened.created and not path.exists()
    opened.layer.add(Annotation("x", "summary"))
    save_layer(opened.layer)
    back = load_layer(path)
    assert back.author == "Me" and back.briefing_digest == "sha256:" + "1" * 64


def test_merge_keeps_newer_modified_and_is_order_independent(layer):
    other = AnnotationLayer(layer.briefing, author="B. Colleague", annotations=list(layer))
    newer = layer.get("b-quote").edited(when=dt.datetime(2027, 1, 1, tzinfo=dt.UTC), note="newer")
    older = layer.get("a-bluf").edited(when=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), note="older")
    other.replace(newer)
    other.replace(older)
    other.add(Annotation("z-new", "summary", note="only in B"))
    for merged in (merge_layers([layer, other]), merge_layers([other, layer], author="A. Analyst")):
        assert merged.get("b-quote").note == "newer"
        assert merged.get("a-bluf") == layer.get("a-bluf")
        assert merged.get("z-new").note == "only in B"
        assert len(merged) == 4
    # equal `modified`: the result does not depend on argument order
    tie = layer.get("c-actor")
    x = AnnotationLayer(layer.briefing, annotations=[tie.edited(when=tie.modified, note="x")])
    y = AnnotationLayer(layer.briefing, annotations=[tie.edited(when=tie.modified, note="y")])
    assert merge_layers([x, y]).get("c-actor") == merge_layers([y, x]).get("c-actor")
    with pytest.raises(ValueError):
        merge_layers([layer, AnnotationLayer("other")])


def test_save_is_fast_enough_to_not_matter_and_loads_back(tmp_path):
    rng = random.Random(4)
    anns = [Annotation(f"{i:05d}", "summary", "bluf",
                       Selector("".join(rng.choices(string.ascii_letters + " \x85", k=30)), "p", "s", 1, 31),
                       "yellow", note="n") for i in range(2000)]
    layer = AnnotationLayer("b", annotations=anns)
    path = save_layer(layer, tmp_path / "big.annotations.yaml")
    assert list(load_layer(Path(path))) == anns


def test_surrogates_are_never_written_so_the_layer_stays_readable():
    # A lone surrogate is not a character: a `\ud800` escape would make the whole layer unreadable.
    layer = AnnotationLayer("b", author="x\udc00", annotations=[
        Annotation("s", "summary", "bluf", Selector("a\ud800b", "\udfff", ""), note="pair \ud83d\ude00 lone \ud83d.",
                   tags=("t\udc80",))])
    back = parse_layer_bytes(layer_to_bytes(layer), "f")
    a = back.get("s")
    assert a.note == "pair \U0001f600 lone \ufffd."
    assert (a.selector.exact, a.selector.prefix, a.tags, back.author) == ("a\ufffdb", "\ufffd", ("t\ufffd",), "x\ufffd")
    assert layer_to_bytes(back) == layer_to_bytes(layer)


def test_unknown_floats_keep_their_type_through_a_save():
    # Python writes 1e+20 without a dot, which YAML 1.1 reads as text.
    src = b"format: annotations/1\nbriefing: b\nx-f: [1.0e+20, 1.5e-07, 2.5, -0.0, .inf, 5.0e-324]\nannotations: []\n"
    layer = parse_layer_bytes(src, "f")
    again = parse_layer_bytes(layer_to_bytes(layer), "f")
    assert again.extras == layer.extras == (("x-f", [1e20, 1.5e-07, 2.5, -0.0, float("inf"), 5e-324]),)
    assert all(isinstance(v, float) for v in again.extras[0][1])
