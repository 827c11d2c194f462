"""Hostile annotation files: refused with one located sentence, never run, never a traceback.

The store reads layers through `yamlsafe` (as briefing files are read), so
these defences are shared; the tests pin what an analyst sees for a layer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_app.core.annotations import layer_to_bytes, load_layer, open_layer, parse_layer_bytes
from briefing_app.core.io.yamlsafe import HAVE_LIBYAML
from briefing_app.core.problems import BriefingError

# Both parsers behind yamlsafe must give the same answer.
PARSERS = [pytest.param(False, id="pure-python"),
           pytest.param(True, id="libyaml", marks=pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML without libyaml"))]

HEAD = b"format: annotations/1\nbriefing: b\nannotations:\n"
ONE = HEAD + b"  - id: a\n    target: summary\n"


def problems(data: bytes, use_libyaml: bool | None = None) -> list[str]:
    with pytest.raises(BriefingError) as info:
        parse_layer_bytes(data, "f", use_libyaml=use_libyaml)
    return [str(p) for p in info.value.problems]


def bomb() -> bytes:
    """A billion laughs: nine levels of ten aliases each (10**9 nodes if expanded)."""
    lines = [b"format: annotations/1", b"briefing: b", b"x-0: &a0 [" + b", ".join([b"lol"] * 10) + b"]"]
    for i in range(1, 9):
        lines.append(f"x-{i}: &a{i} [".encode() + b", ".join([f"*a{i - 1}".encode()] * 10) + b"]")
    lines.append(b"annotations: []")
    return b"\n".join(lines) + b"\n"


HOSTILE = [
    (ONE + b"    note: !!python/object/apply:os.system ['echo owned']\n",
     "f:6:11: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: "
     "annotation files hold plain data only"),
    (HEAD + b"  - !!python/object:briefing_app.core.annotations.layer.Annotation {id: a, target: summary}\n",
     "f:4:5: the tag tag:yaml.org,2002:python/object:briefing_app.core.annotations.layer.Annotation is not allowed"),
    (bomb(), "f:7:46: aliases expand to too many nodes (an alias bomb?)"),
    (ONE + b"    note: first\n    color: pink\n    note: second\n",
     "f:8:5: duplicate key 'note' (first given at line 6)"),
    (ONE + b"    field: text\n    selector: {exact: x, exact: y}\n",
     "f:7:26: duplicate key 'exact' (first given at line 7)"),
    (ONE + b'    note: "caf\xe9"\n', "f:6:15: the file is not UTF-8 text (byte 0xe9)"),
    (b"format: annotations/1\n\x80briefing: b\n", "f:2:1: the file is not UTF-8 text (byte 0x80)"),
    ("format: annotations/1\nbriefing: b\nannotations: []\n".encode("utf-16"),
     "f:1:1: the file is UTF-16; annotation files must be UTF-8"),
    (ONE + b'    note: "a\x07b"\n', "f:6:13: the file contains the control character U+0007"),
    (b"format: annotations/1\nbriefing: b\nannotations: []\n---\nformat: annotations/1\n",
     "f:4:1: the file holds more than one YAML document; an annotation file is one document"),
    (b"format: annotations/1\nbriefing: b\nx-deep: " + b"[" * 80 + b"]" * 80 + b"\nannotations: []\n",
     "f:3:72: the file nests deeper than 64 levels"),
    (ONE + b"    x-loop: &l [1, *l]\n", "f:6:20: the alias *l refers to a node that contains it"),
    (ONE + b"    1: one\n", "f:6:5: annotation a: keys must be names, found int 1"),
    (ONE + b"    <<: {note: merged}\n", "f:6:5: annotation a: keys must be names, found merge <<"),
    (b"# only a comment\n", "f:1:1: the file is empty; expected 'format: annotations/1'"),
]


@pytest.mark.parametrize("use_libyaml", PARSERS)
@pytest.mark.parametrize("data,expected", HOSTILE)
def test_hostile_layer_is_refused_with_a_located_sentence(data, expected, use_libyaml):
    found = problems(data, use_libyaml)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_hostile_layer_on_disk_opens_read_only_and_is_left_untouched(tmp_path):
    path = tmp_path / "b.annotations.yaml"
    original = ONE + b"    note: !!python/object/apply:os.system ['touch pwned']\n"
    path.write_bytes(original)
    with pytest.raises(BriefingError) as info:
        load_layer(path, "b.annotations.yaml")
    assert str(info.value.problems[0]).startswith("b.annotations.yaml:6:11: the tag")
    opened = open_layer(path, "b", "Me")
    assert opened.layer.read_only and "cannot be read" in opened.message and "6:11" in opened.message
    assert path.read_bytes() == original and not (tmp_path / "pwned").exists()


def test_oversized_layer_is_refused_before_parsing():
    data = ONE + b"    note: " + b"x" * (64 * 1024 * 1024) + b"\n"
    found = problems(data)
    assert found[0].startswith("f:1:1: the file is ") and "the limit for an annotation file is 64 MB" in found[0]


SCALARS = [  # what a field holds -> the problem, typed by the store (yamlsafe keeps text as written)
    (b"    created: 2026-11-28\n", "f:6:14: annotation a.created: expected a date and time like "
                                   "2026-11-28T18:00:00Z, found timestamp 2026-11-28"),
    (b"    created: 2026-02-30T10:00:00Z\n", "f:6:14: annotation a.created: expected a date and time"),
    (b"    created: 2026-11-28T10:00:00+24:00\n", "f:6:14: annotation a.created: expected a date and time"),
    (b"    created: ~\n", "f:6:14: annotation a.created: expected a date and time like 2026-11-28T18:00:00Z, "
                          "found nothing"),
    (b"    field: text\n    selector: {exact: x, start: -1}\n",
     "f:7:33: annotation a.selector.start: expected a whole number ≥ 0, found int -1"),
    (b"    field: text\n    selector: {exact: x, start: '3'}\n",
     "f:7:33: annotation a.selector.start: expected a whole number ≥ 0, found '3'"),
    (b"    field: text\n    selector: {exact: x, end: 1.5}\n",
     "f:7:31: annotation a.selector.end: expected a whole number ≥ 0, found float 1.5"),
    (b"    note:\n", "f:6:10: annotation a.note: expected text, found nothing"),
    (b"    color: yes\n", "f:6:12: annotation a.color: expected text, found bool yes"),
    (b"    x-count: !!int twelve\n", "f:6:14: annotation a.x-count: cannot read int twelve"),
]


@pytest.mark.parametrize("line,expected", SCALARS)
def test_scalars_are_typed_by_the_store(line, expected):
    found = problems(ONE + line)
    assert any(p.startswith(expected) for p in found), found


STAMPS = [  # accepted forms of created/modified, quoted or plain
    (b"2026-11-28T18:00:00Z", dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),
    (b"'2026-11-28T18:00:00Z'", dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),
    (b"2026-11-28T18:00:00.250000Z", dt.datetime(2026, 11, 28, 18, 0, 0, 250000, tzinfo=dt.UTC)),
    (b"2026-11-28T18:00:00.123456789Z", dt.datetime(2026, 11, 28, 18, 0, 0, 123456, tzinfo=dt.UTC)),
    (b'"2026-11-28T19:30:00+01:30"', dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),
    (b"2026-11-28T13:00-05:00", dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),
    (b"2026-11-28 18:00:00", dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),  # no zone: UTC
    (b"2026-11-28 13:00:00 -5", dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),  # YAML 1.1
    (b"!!timestamp 2026-11-28t18:00:00z", dt.datetime(2026, 11, 28, 18, tzinfo=dt.UTC)),
]


@pytest.mark.parametrize("text,expected", STAMPS)
def test_timestamps_in_iso_8601_and_yaml_forms(text, expected):
    layer = parse_layer_bytes(ONE + b"    created: " + text + b"\n    modified: " + text + b"\n", "f")
    a = layer.get("a")
    assert a.created == expected and a.modified == expected and a.created.tzinfo is not None


def test_unknown_keys_keep_their_yaml_types():
    layer = parse_layer_bytes(
        ONE + b'    x-a: [1, 2.5, yes, ~, 2026-01-02, "7", 0x10, {k: [off]}]\n    x-b: &v shared\n'
              b"    x-c: *v\n", "f")
    assert layer.get("a").extras == (
        ("x-a", [1, 2.5, True, None, dt.date(2026, 1, 2), "7", 16, {"k": [False]}]),
        ("x-b", "shared"), ("x-c", "shared"))


@pytest.mark.parametrize("use_libyaml", PARSERS)
def test_both_parsers_read_a_written_layer_identically(layer, use_libyaml):
    data = layer_to_bytes(layer)
    back = parse_layer_bytes(data, "f", use_libyaml=use_libyaml)
    assert list(back) == list(layer) and layer_to_bytes(back) == data
