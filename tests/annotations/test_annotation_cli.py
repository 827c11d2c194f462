"""`briefing-app annotations export|merge` as a user runs them (contract §3)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
from annotation_helpers import SAMPLE, shared_path

from briefing_app.cli import main
from briefing_app.core.annotations import Annotation, load_layer, save_layer


@pytest.fixture
def workdir(tmp_path, layer):
    shutil.copy(SAMPLE, tmp_path / "brief.yaml")
    layer.add(Annotation("d-orphan", "actors/left-the-briefing", note="was here", color="orange"))
    save_layer(layer, tmp_path / "brief.annotations.yaml")
    return tmp_path


def test_export_w3c_passes_the_w3c_checker(workdir, capsys):
    out = workdir / "out.json"
    assert main(["annotations", "export", str(workdir / "brief.annotations.yaml"), "--format", "w3c", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.strip() == "orphaned: d-orphan (actors/left-the-briefing): element actors/left-the-briefing is no longer in the briefing"
    doc = json.loads(out.read_text())
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 4
    items = {i["id"]: i for i in doc["first"]["items"]}
    quote = items["urn:briefing:japan-nato-liaison-office:annotation:b-quote"]
    assert quote["target"]["source"].startswith("urn:briefing:japan-nato-liaison-office:quotes/")
    assert quote["target"]["source"].endswith("#text")
    types = [s["type"] for s in quote["target"]["selector"]]
    assert types == ["TextQuoteSelector", "TextPositionSelector"]
    assert quote["motivation"] == "highlighting"
    assert {b["purpose"] for b in quote["body"]} >= {"tagging"}
    bluf = items["urn:briefing:japan-nato-liaison-office:annotation:a-bluf"]
    assert bluf["motivation"] == "commenting"
    assert {"purpose": "commenting", "type": "TextualBody", "value": "Key *judgment*", "format": "text/markdown"} in bluf["body"]
    checker = shared_path("conformance", "w3c-annotation-model", "check_w3c.py")
    res = subprocess.run([sys.executable, str(checker), str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert " 0 failed" in res.stdout


def test_export_markdown_groups_by_section_with_counts(workdir, capsys):
    out = workdir / "out.md"
    assert main(["annotations", "export", str(workdir / "brief.annotations.yaml"), "--format", "markdown", "-o", str(out)]) == 0
    md = out.read_text()
    assert md.index("## Summary (1)") < md.index("## Actors (1)") < md.index("## Quotes (1)") < md.index("## Orphaned (1)")
    assert "| key judgment (yellow) | 1 |" in md
    assert "| core | 2 |" in md and "| follow-up | 1 |" in md
    assert "| high | 1 |" in md
    assert "Key *judgment*" in md
    assert "orphaned: d-orphan" in capsys.readouterr().err


def test_export_without_its_briefing(tmp_path, layer, capsys):
    """A layer kept in a shared folder without its briefing: W3C annotations stand on their own;
    the Markdown export names elements, so it needs the briefing and says how to give it."""
    save_layer(layer, tmp_path / "lonely.annotations.yaml")
    out = tmp_path / "o.json"
    assert main(["annotations", "export", str(tmp_path / "lonely.annotations.yaml"), "--format", "w3c",
                 "-o", str(out)]) == 0
    assert json.loads(out.read_text())
    md = tmp_path / "o.md"
    assert main(["annotations", "export", str(tmp_path / "lonely.annotations.yaml"), "--format", "markdown",
                 "-o", str(md)]) == 1
    err = capsys.readouterr().err
    assert "cannot find the briefing" in err and "--briefing" in err and "Traceback" not in err
    assert not md.exists()
    # --briefing names it
    assert main(["annotations", "export", str(tmp_path / "lonely.annotations.yaml"), "--format", "markdown",
                 "-o", str(md), "--briefing", str(SAMPLE)]) == 0
    assert md.exists()


def test_bad_layer_gives_located_errors_and_no_output(workdir, capsys):
    bad = workdir / "brief.annotations.yaml"
    bad.write_text("format: annotations/1\nbriefing: japan-nato-liaison-office\nannotations:\n  - id: a\n    target: summary\n    color: teal\n")
    out = workdir / "o.json"
    assert main(["annotations", "export", str(bad), "--format", "w3c", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:6:12: annotation a.color: expected one of")
    assert not out.exists() and not list(workdir.glob(".o.json*"))


def test_merge_newer_modified_wins(workdir, layer, capsys):
    theirs = load_layer(workdir / "brief.annotations.yaml")
    theirs.author = "B. Colleague"
    theirs.replace(theirs.get("a-bluf").edited(when=dt.datetime(2030, 1, 1, tzinfo=dt.UTC), note="theirs, newer"))
    theirs.add(Annotation("e-theirs", "summary", note="only theirs"))
    save_layer(theirs, workdir / "colleague.annotations.yaml")
    mine = load_layer(workdir / "brief.annotations.yaml")
    mine.replace(mine.get("b-quote").edited(when=dt.datetime(2029, 1, 1, tzinfo=dt.UTC), note="mine, newer"))
    save_layer(mine)
    out = workdir / "merged.annotations.yaml"
    assert main(["annotations", "merge", str(workdir / "brief.annotations.yaml"),
                 str(workdir / "colleague.annotations.yaml"), "-o", str(out)]) == 0
    merged = load_layer(out)
    assert merged.get("a-bluf").note == "theirs, newer"
    assert merged.get("b-quote").note == "mine, newer"
    assert merged.get("e-theirs") is not None and len(merged) == 5
    assert merged.author == "A. Analyst"
    assert "orphaned: d-orphan (actors/left-the-briefing)" in capsys.readouterr().err


def test_merge_refuses_different_briefings(workdir, capsys):
    other = load_layer(workdir / "brief.annotations.yaml")
    other.briefing = "something-else"
    save_layer(other, workdir / "x.annotations.yaml")
    out = workdir / "m.yaml"
    assert main(["annotations", "merge", str(workdir / "brief.annotations.yaml"), str(workdir / "x.annotations.yaml"),
                 "-o", str(out)]) == 1
    assert "different briefings" in capsys.readouterr().err
    assert not out.exists()


def test_cli_entry_point_runs_as_a_process(workdir):
    exe = shutil.which("briefing-app")
    if exe is None:
        pytest.skip("briefing-app is not installed as a command")
    res = subprocess.run([exe, "annotations", "export", "brief.annotations.yaml", "--format", "markdown", "-o", "x.md"],
                         cwd=workdir, capture_output=True, text=True)
    assert res.returncode == 0
    assert res.stderr.splitlines() == ["orphaned: d-orphan (actors/left-the-briefing): element actors/left-the-briefing is no longer in the briefing"]


def test_export_w3c_gives_the_offsets_where_the_text_stands_now(tmp_path, layer, sample_briefing, capsys):
    """Stale offsets in the file are not passed on when the briefing is at hand: a moved annotation
    gets its current position, one placed on changed wording keeps its quote only; still valid W3C."""
    import dataclasses

    shutil.copy(SAMPLE, tmp_path / "brief.yaml")
    bluf = layer.get("a-bluf")
    sel = bluf.selector
    layer.replace(dataclasses.replace(bluf, selector=dataclasses.replace(sel, start=sel.start + 7, end=sel.end + 7)))
    quote = layer.get("b-quote")
    qs = quote.selector
    layer.replace(dataclasses.replace(quote, selector=dataclasses.replace(
        qs, exact=qs.exact[:-3] + "zzz", start=qs.start + 2, end=qs.end + 2)))
    save_layer(layer, tmp_path / "brief.annotations.yaml")
    out = tmp_path / "out.json"
    assert main(["annotations", "export", str(tmp_path / "brief.annotations.yaml"), "--format", "w3c",
                 "-o", str(out)]) == 0
    items = {i["id"].rsplit(":", 1)[-1]: i for i in json.loads(out.read_text())["first"]["items"]}
    moved = {s["type"]: s for s in items["a-bluf"]["target"]["selector"]}
    assert (moved["TextPositionSelector"]["start"], moved["TextPositionSelector"]["end"]) == (sel.start, sel.end)
    assert sample_briefing.summary.bluf[sel.start:sel.end] == moved["TextQuoteSelector"]["exact"]
    fuzzy = items["b-quote"]["target"]["selector"]
    assert isinstance(fuzzy, dict) and fuzzy["type"] == "TextQuoteSelector", fuzzy
    checker = shared_path("conformance", "w3c-annotation-model", "check_w3c.py")
    res = subprocess.run([sys.executable, str(checker), str(out)], capture_output=True, text=True)
    assert res.returncode == 0 and " 0 failed" in res.stdout, res.stdout + res.stderr
    # without its briefing, a layer's selectors go out as recorded
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    shutil.copy(tmp_path / "brief.annotations.yaml", lonely / "x.annotations.yaml")
    assert main(["annotations", "export", str(lonely / "x.annotations.yaml"), "--format", "w3c",
                 "-o", str(lonely / "x.json")]) == 0
    items = {i["id"].rsplit(":", 1)[-1]: i for i in json.loads((lonely / "x.json").read_text())["first"]["items"]}
    recorded = {s["type"]: s for s in items["a-bluf"]["target"]["selector"]}
    assert recorded["TextPositionSelector"]["start"] == sel.start + 7
