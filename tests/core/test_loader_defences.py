"""The loader treats files as hostile: every defence, with and without libyaml."""

from __future__ import annotations

import pytest

from briefing_app.core.briefing.loader import load_briefing, parse_briefing_bytes
from briefing_app.core.io import yamlsafe
from briefing_app.core.problems import BriefingError, LoadError

from .helpers import MINIMAL, with_lines

BACKENDS = [pytest.param(True, id="libyaml"), pytest.param(False, id="pure-python")]
if not yamlsafe.HAVE_LIBYAML:  # pragma: no cover - PyYAML wheels ship libyaml
    BACKENDS = [pytest.param(True, id="libyaml", marks=pytest.mark.skip("PyYAML built without libyaml")),
                BACKENDS[1]]


def load(text: str | bytes, libyaml: bool):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_briefing_bytes(data, "f.yaml", use_libyaml=libyaml)


def problem_of(text: str | bytes, libyaml: bool):
    with pytest.raises(BriefingError) as info:
        load(text, libyaml)
    return info.value.problems


@pytest.fixture(params=BACKENDS)
def libyaml(request):
    return request.param


def test_minimal_loads(libyaml):
    b = load(MINIMAL, libyaml)
    assert b.id == "test-briefing"
    assert b.timeline[0].date.iso() == "2023-03"


def test_python_tags_are_refused_not_executed(libyaml, tmp_path):
    marker = tmp_path / "pwned"
    text = MINIMAL + f"x-evil: !!python/object/apply:os.system ['touch {marker}']\n"
    (p,) = problem_of(text, libyaml)
    assert "tag" in p.message and "not allowed" in p.message
    assert (p.line, p.col) == (len(MINIMAL.splitlines()) + 1, 9)
    assert not marker.exists()


def test_local_tags_are_refused(libyaml):
    (p,) = problem_of(with_lines(("title: Test briefing", "title: !secret Test")), libyaml)
    assert "tag !secret" in p.message


def test_alias_bomb_is_refused_quickly(libyaml):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        lines.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (p,) = problem_of("\n".join(lines) + "\n", libyaml)
    assert "alias bomb" in p.message


def test_modest_aliases_are_fine(libyaml):
    text = MINIMAL.replace("tags", "tags") + "x-shared: &s {a: 1}\nx-again: *s\n"
    assert load(text, libyaml).extensions["x-again"] == {"a": "1"}


def test_recursive_alias_is_refused(libyaml):
    (p,) = problem_of("a: &a [1, *a]\n", libyaml)
    assert "contains it" in p.message or "alias" in p.message


def test_oversized_file_is_refused_before_parsing(libyaml, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 1000)
    (p,) = problem_of(MINIMAL + "x-pad: '" + "x" * 2000 + "'\n", libyaml)
    assert "limit" in p.message and "MB" in p.message


def test_oversized_file_on_disk_is_refused_without_reading(tmp_path, monkeypatch):
    from briefing_app.core.briefing import loader

    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text(MINIMAL)
    with pytest.raises(LoadError, match="limit"):
        load_briefing(path)


def test_duplicate_keys_are_refused_with_both_places(libyaml):
    (p,) = problem_of(with_lines(("title: Test briefing\n", "title: Test briefing\ntitle: Again\n")), libyaml)
    assert "duplicate key 'title'" in p.message and "line 3" in p.message
    assert (p.line, p.col) == (4, 1)


def test_duplicate_keys_in_nested_mappings(libyaml):
    (p,) = problem_of(with_lines(("{id: japan, name: Japan,", "{id: japan, name: Japan, name: Nippon,")), libyaml)
    assert "duplicate key 'name'" in p.message


@pytest.mark.parametrize(("field", "written", "kept"), [
    ("title", "NO", "NO"), ("title", "yes", "yes"), ("title", "1e3", "1e3"), ("title", "0x1F", "0x1F"),
    ("title", "2023-05-01", "2023-05-01"), ("title", "null-island", "null-island"), ("id", "2023", "2023"),
    ("title", "'007'", "007"), ("title", "12:30", "12:30"),
])
def test_text_fields_keep_text_as_written(libyaml, field, written, kept):
    old = {"title": "title: Test briefing", "id": "id: test-briefing"}[field]
    b = load(with_lines((old, f"{field}: {written}")), libyaml)
    assert getattr(b, field) == kept


def test_non_utf8_is_located(libyaml):
    data = MINIMAL.encode().replace(b"Foxes jump.", b"Foxes \xe9jump.")
    (p,) = problem_of(data, libyaml)
    assert "not valid UTF-8" in p.message
    assert (p.line, p.col) == (13, 15)


def test_utf16_is_named(libyaml):
    (p,) = problem_of(MINIMAL.encode("utf-16"), libyaml)
    assert "UTF-16" in p.message


def test_utf8_bom_is_accepted(libyaml):
    assert load(b"\xef\xbb\xbf" + MINIMAL.encode(), libyaml).id == "test-briefing"


@pytest.mark.parametrize("empty", [b"", b"   \n\n", b"# only a comment\n", b"---\n...\n"])
def test_empty_files_get_one_sentence(libyaml, empty):
    (p,) = problem_of(empty, libyaml)
    assert "empty" in p.message


@pytest.mark.parametrize(("text", "found"), [("- a\n- b\n", "a list"), ("just text\n", "'just text'"),
                                             ("42\n", "'42'")])
def test_non_mapping_files(libyaml, text, found):
    (p,) = problem_of(text, libyaml)
    assert "expected a briefing" in p.message and found in p.message


def test_newer_major_version_is_refused(libyaml):
    (p,) = problem_of(with_lines(("format: briefing/1", "format: briefing/2")) + "new_field: 1\n", libyaml)
    assert "made by a newer version of Briefing Reader" in p.message
    assert (p.line, p.col) == (1, 9)


@pytest.mark.parametrize("bad", ["briefing/0", "briefing/1.1", "briefing", "report/1"])
def test_unknown_format_strings(libyaml, bad):
    (p,) = problem_of(with_lines(("format: briefing/1", f"format: {bad}")), libyaml)
    assert "expected 'briefing/1'" in p.message


def test_deep_nesting_is_refused(libyaml):
    depth = 5000
    (p,) = problem_of("x-deep: " + "[" * depth + "]" * depth + "\n", libyaml)
    assert "nests deeper" in p.message


def test_deep_block_nesting_is_refused(libyaml):
    text = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    (p,) = problem_of(text, libyaml)
    assert "nests deeper" in p.message


def test_lone_surrogate_escape_is_refused(libyaml):
    (p,) = problem_of(with_lines(("title: Test briefing", 'title: "bad \\ud800 text"')), libyaml)
    assert p.line == 3
    assert "surrogate" in p.message or "escape" in p.message


def test_raw_control_character_is_located(libyaml):
    (p,) = problem_of(with_lines(("bluf: Foxes jump.", "bluf: Foxes\x07 jump.")), libyaml)
    assert "U+0007" in p.message
    assert (p.line, p.col) == (13, 14)


def test_escaped_control_character_in_text_is_refused(libyaml):
    problems = problem_of(with_lines(("bluf: Foxes jump.", 'bluf: "Foxes\\x07 jump."')), libyaml)
    assert any("U+0007" in p.message and p.line == 13 for p in problems)


def test_several_documents_are_refused(libyaml):
    (p,) = problem_of(MINIMAL + "---\nformat: briefing/1\n", libyaml)
    assert "more than one YAML document" in p.message


def test_syntax_errors_are_located(libyaml):
    (p,) = problem_of(with_lines(("bluf: Foxes jump.", "bluf: [Foxes jump.")), libyaml)
    assert p.message.startswith("YAML syntax error")
    assert p.line >= 13


def test_an_unclosed_quote_says_where_it_starts(libyaml):
    """The parser notices an unclosed quote only at the end of the file; the problem is located
    where the quoted text begins, which is where the fix goes (and where the app marks the line)."""
    text = 'format: briefing/1\nid: x\ntitle: "unclosed\nas_of: 2023-01-01\nsources: []\n'
    (p,) = problem_of(text, libyaml)
    assert (p.line, p.col) == (3, 8)
    assert p.message == "YAML syntax error: a quoted scalar starts here and is never closed (the file ends first)"


def test_complex_keys_are_refused(libyaml):
    (p,) = problem_of("? [a, b]\n: c\n", libyaml)
    assert "mapping key must be a plain string" in p.message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_briefing(tmp_path / "nope.yaml")
    with pytest.raises(LoadError, match="folder"):
        load_briefing(tmp_path)


def test_both_backends_give_the_same_model():
    assert load(MINIMAL, True) == load(MINIMAL, False)
