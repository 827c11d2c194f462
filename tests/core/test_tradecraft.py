"""Tradecraft rules (ICD 203/206): each with a hit and a near miss; planted faults found at their lines.

The rules are plain functions over the model; `check_briefing` locates what
they find through the location map the loader keeps, and `check_command` is
what `briefing-app check` runs.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from briefing_app.cli.check import check_command
from briefing_app.core.briefing.loader import load_briefing, parse_briefing_bytes
from briefing_app.core.tradecraft import RULES, check_briefing, rule_named, rules_markdown
from briefing_app.core.tradecraft.wording import confidence_phrases, scale_terms, sentences, vague_words
from briefing_app.resources import sample_briefing

DATA = Path(__file__).resolve().parents[1] / "data" / "tradecraft"

HEAD = textwrap.dedent("""\
    format: briefing/1
    id: tc
    title: Tradecraft
    as_of: 2024-05-01
    sources:
      - id: wire
        title: Wire
        reliability: B
        text: The ministry confirmed the talks. Patrols increased in April.
      - id: statement
        title: Statement
        reliability: A
        text: The ministry confirmed the talks. Patrols increased in April.
      - id: blog
        title: Blog
        text: The ministry confirmed the talks. Patrols increased in April.
      - id: rumour
        title: Rumour
        reliability: E
        text: The ministry confirmed the talks. Patrols increased in April.
    summary:
      bluf: The talks go on.
      key_points:
    """)
EV = "evidence: [{source: wire, quote: The ministry confirmed the talks}, {source: statement, quote: Patrols}]"


def kp(ident: str, text: str, *lines: str) -> str:
    """One key point; `lines` are its further fields (`kind: fact`, `confidence: high`, …)."""
    return "\n".join([f"    - id: {ident}", f"      text: {text}", *(f"      {x}" for x in lines)]) + "\n"


def findings(yaml_text: str, rule: str | None = None):
    b = parse_briefing_bytes(yaml_text.encode(), "t.yaml")
    found = check_briefing(b, [rule_named(rule)] if rule else RULES)
    return found


CASES = {
    # rule: (hit, near miss) — key points after HEAD, or a whole file when it starts with "format:"
    "estimative-words": (
        kp("k", "The talks will probably end in a deal.", "confidence: moderate", EV),
        kp("k", "The talks will probably end in a deal.", "kind: fact", EV),  # a fact quotes, it does not estimate
    ),
    "confidence-with-likelihood": (
        kp("k", "We are highly confident that a deal is unlikely.", "confidence: high", EV),
        kp("k", "A deal is unlikely. We have high confidence in this.", "confidence: high", EV),
    ),
    "likelihood-contradicts-text": (
        kp("k", "A deal is very unlikely.", "likelihood: unlikely", "confidence: moderate", EV),
        kp("k", "A deal is improbable.", "likelihood: unlikely", "confidence: moderate", EV),  # same band
    ),
    "mixed-vocabularies": (
        kp("a", "A deal.", "likelihood: likely", "confidence: moderate", EV)
        + kp("b", "No deal.", "likelihood: improbable", "confidence: moderate", EV),
        kp("a", "A deal.", "likelihood: probable", "confidence: moderate", EV)
        + kp("b", "No deal.", "likelihood: improbable", "confidence: moderate", EV),
    ),
    "high-confidence-single-source": (
        kp("k", "Patrols rose.", "confidence: high", "evidence: [{source: wire, quote: Patrols}, "
                                                     "{source: wire, quote: increased in April}]"),
        kp("k", "Patrols rose.", "confidence: high", EV),
    ),
    "high-confidence-weak-sources": (
        kp("k", "Patrols rose.", "confidence: high", "evidence: [{source: blog, quote: Patrols}, "
                                                     "{source: rumour, quote: Patrols}]"),
        kp("k", "Patrols rose.", "confidence: moderate", "evidence: [{source: blog, quote: Patrols}, "
                                                         "{source: rumour, quote: Patrols}]"),
    ),
    "fact-with-confidence": (
        kp("k", "The ministry confirmed the talks.", "kind: fact", "confidence: low", EV),
        kp("k", "The ministry confirmed the talks.", "kind: judgment", "confidence: low", EV),
    ),
    "fact-without-evidence": (
        kp("k", "The ministry confirmed the talks.", "kind: fact"),
        kp("k", "The ministry confirmed the talks.", "kind: assumption"),
    ),
    "judgment-without-evidence": (
        kp("k", "The talks matter.", "confidence: low"),
        kp("k", "The talks matter.", "confidence: low", "evidence: [{source: wire, quote: the talks}]"),
    ),
    "source-without-retrieved": (
        HEAD.replace("    title: Blog\n", "    title: Blog\n    url: https://example.org/b\n")
        + kp("k", "x", "kind: assumption"),
        HEAD.replace("    title: Blog\n", "    title: Blog\n    url: https://example.org/b\n"
                                          "    retrieved: 2024-04-30\n") + kp("k", "x", "kind: assumption"),
    ),
}


def _file(part: str) -> str:
    return part if part.startswith("format:") else HEAD + part


def test_every_rule_has_cases():
    assert set(CASES) == {r.name for r in RULES}


@pytest.mark.parametrize("rule", CASES)
def test_rule_hits(rule):
    found = findings(_file(CASES[rule][0]), rule)
    assert len(found) == 1, found
    f = found[0]
    assert f.rule == rule and f.severity == "warning"
    assert f.message.startswith(f.address + (f".{f.field}" if f.field else "") + ": ")


@pytest.mark.parametrize("rule", CASES)
def test_rule_near_miss_is_quiet(rule):
    assert findings(_file(CASES[rule][1])) == []


def test_messages_say_what_to_change():
    [vague] = findings(_file(CASES["estimative-words"][0]))
    assert "'probably'" in vague.message and "'likely' (55\u201380\u00a0%)" in vague.message
    # with a `likelihood`, the fix is that term; in the second vocabulary when the briefing keeps to it
    [own] = findings(_file(kp("k", "A deal might come.", "likelihood: highly probable", "confidence: low", EV)))
    assert "write 'highly probable' (80\u201395\u00a0%), the term of its `likelihood`" in own.message
    [mixed] = findings(_file(CASES["mixed-vocabularies"][0]))
    assert mixed.address == "key_points/b" and mixed.field == "likelihood"
    assert mixed.message.endswith("write 'unlikely' (20\u201345\u00a0%)")
    [belief] = findings(_file(kp("k", "We believe a deal is near.", "confidence: low", EV)))
    assert "'We believe'" in belief.message and "'we assess'" in belief.message


def test_findings_point_at_the_offending_field():
    text = _file(CASES["high-confidence-single-source"][0])
    [f] = findings(text)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "confidence: high" in t)
    assert (f.line, f.col) == (line, 7)
    assert f.located("t.yaml") == f"t.yaml:{line}:7: warning: {f.message} [high-confidence-single-source]"


def test_wording():
    assert [(h.key, t.band) for h, t in scale_terms("very unlikely, then Highly  Probable, not likelihood")] == [
        ("very unlikely", 2), ("highly probable", 6)]
    assert scale_terms("the remote islands") == []
    assert [h.key for h, _t in scale_terms("a remote chance")] == ["remote"]
    assert [h.key for h, _b in vague_words("It could well rain; perhaps not.")] == ["could well", "perhaps"]
    assert [h.key for h in confidence_phrases("We have moderate confidence; we are confident.")] == [
        "moderate confidence", "confident"]
    assert confidence_phrases("confidence-building measures") == []
    assert sentences("One.  Two?\nThree") == ["One.", "Two?", "Three"]


def _planted(path: Path) -> set[tuple[int, str]]:
    marks = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.search(r"# planted: ([a-z-]+)", line)
        if m:
            marks.add((n, m.group(1)))
    return marks


def test_planted_file_reports_each_rule_at_its_line():
    path = DATA / "planted.yaml"
    marks = _planted(path)
    assert {rule for _n, rule in marks} == {r.name for r in RULES}
    found = check_briefing(load_briefing(path))
    assert {(f.line, f.rule) for f in found} == marks
    assert len(found) == len(marks)


@pytest.mark.parametrize("path", [DATA / "tidy.yaml", sample_briefing()], ids=["tidy", "sample"])
def test_good_practice_reports_nothing(path):
    assert check_briefing(load_briefing(path)) == []


def test_check_command_lines_and_exit_status(capsys, tmp_path):
    planted = str(DATA / "planted.yaml")
    assert check_command([planted], strict=False) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(_planted(DATA / "planted.yaml"))
    assert all(re.fullmatch(rf"{re.escape(planted)}:\d+:\d+: warning: .+ \[[a-z-]+\]", x) for x in lines), lines
    assert check_command([planted], strict=True) == 1
    capsys.readouterr()

    tidy = str(DATA / "tidy.yaml")
    assert check_command([tidy, str(sample_briefing())], strict=True) == 0
    assert capsys.readouterr() == ("", "")

    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "tidy.yaml").read_text(encoding="utf-8").replace("kind: judgment", "kind: opinion"),
                   encoding="utf-8")
    assert check_command([str(bad), tidy], strict=False) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"{re.escape(str(bad))}:\d+:\d+: error: key_points/kp-patrols-up\.kind: expected .+", line)
    assert check_command([str(tmp_path / "missing.yaml")], strict=False) == 1
    assert capsys.readouterr().out == f"{tmp_path / 'missing.yaml'}:1:1: error: no such file\n"


def test_rules_table_is_complete_and_documented():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)) >= 10
    for r in RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
        assert r.what and r.why and re.search(r"ICD 20[36]", r.reference)
        assert f"| `{r.name}` |" in rules_markdown()
