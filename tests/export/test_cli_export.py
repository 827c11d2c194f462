"""`briefing-app export`: exit codes, stderr, orphans, no partial output."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from briefing_app.cli import main

from .pdftools import flat, pages_text

LAYER = """format: annotations/1
briefing: japan-nato-liaison-office
author: "A. Analyst"
annotations:

  - id: a1
    target: quotes/q-hayashi-discussions
    field: text
    selector:
      exact: "no details (have been) finalized yet"
    color: pink
    note: "Check *this* <b>now</b>"
    tags: [follow-up]
    confidence: low
    author: "A. Analyst"

  - id: a2
    target: quotes/no-such-quote
    color: yellow
    author: "A. Analyst"

  - id: a3
    target: summary
    field: bluf
    selector:
      exact: "no details are final"
    color: green
    tags: [checked]
    author: "A. Analyst"
"""


def test_export_sample_ok(sample_path, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    assert main(["export", str(sample_path), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    # Says what it wrote, with the page count the PDF itself declares.
    import re

    declared = int(re.search(rb"/Count (\d+) /Kids", out.read_bytes()).group(1))  # the page tree's root
    err = capsys.readouterr().err
    assert err == f"wrote {out} ({declared} pages)\n" and declared > 1


def test_orphans_reported_and_export_succeeds(sample_path, tmp_path, capsys):
    layer = tmp_path / "a.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("orphaned: a2 (quotes/no-such-quote): ")
    assert err[1].startswith(f"wrote {out} (")
    text = flat(" ".join(pages_text(out, tmp_path)))
    assert "Analyst notes" in text
    assert "Check this <b>now</b>" in text
    assert "#follow-up" in text


def test_label_and_tag_filters(sample_path, tmp_path, capsys):
    layer = tmp_path / "a.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer),
                 "--labels", "corroborated"]) == 0
    text = flat(" ".join(pages_text(out, tmp_path)))
    assert "#checked" in text and "#follow-up" not in text
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer),
                 "--tags", "follow-up"]) == 0
    text = flat(" ".join(pages_text(out, tmp_path)))
    assert "#follow-up" in text and "#checked" not in text
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer),
                 "--no-annotations"]) == 2
    assert main(["export", str(sample_path), "-o", str(out), "--no-annotations"]) == 0
    assert "Analyst notes" not in flat(" ".join(pages_text(out, tmp_path)))


def test_invalid_briefing_lists_problems_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing/1\nid: x\ntitle: T\n", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err and all(line.startswith(f"{bad}:") for line in err.splitlines())
    assert "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_missing_file_and_bad_output_folder(sample_path, tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "o.pdf")]) == 1
    assert capsys.readouterr().err.strip()
    assert main(["export", str(sample_path), "-o", str(tmp_path / "no" / "such" / "o.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert main(["export", str(sample_path), "-o", str(tmp_path)]) == 1
    assert "folder" in capsys.readouterr().err


def test_existing_output_untouched_on_failure(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("not: [valid", encoding="utf-8")
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    assert main(["export", str(bad), "-o", str(out)]) == 1
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "brief.pdf"]


def test_build_failure_leaves_no_partial_file(sample_path, tmp_path, monkeypatch, capsys):
    import briefing_app.cli.export as command

    def boom(*a, **k):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(command, "build_brief", boom)
    out = tmp_path / "brief.pdf"
    assert main(["export", str(sample_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "layout exploded" in err and "Traceback" not in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_console_script_exit_code(sample_path, tmp_path):
    out = tmp_path / "b.pdf"
    r = subprocess.run([sys.executable, "-m", "briefing_app.cli", "export", str(sample_path), "-o", str(out),
                        "--page-size", "letter"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.is_file()
    r = subprocess.run([sys.executable, "-m", "briefing_app.cli", "export", str(sample_path), "-o", str(out),
                        "--page-size", "a3"], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_default_layer_beside_briefing_is_announced(sample_path, tmp_path, capsys):
    """The layer beside the briefing goes in by default, but never silently."""
    brief = tmp_path / "japan-nato-liaison-office.yaml"
    shutil.copy(sample_path, brief)
    layer = tmp_path / "japan-nato-liaison-office.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(brief), "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"including annotations from {layer} (--no-annotations leaves them out)"
    # Orphan lines stay exactly as the contract says, after it.
    assert len(err) == 3 and err[1].startswith("orphaned: a2 (quotes/no-such-quote): ")
    assert err[2].startswith(f"wrote {out} (")
    assert "#follow-up" in flat(" ".join(pages_text(out, tmp_path)))

    assert main(["export", str(brief), "-o", str(out), "--no-annotations"]) == 0
    assert capsys.readouterr().err.startswith(f"wrote {out} (")
    assert "Analyst notes" not in flat(" ".join(pages_text(out, tmp_path)))

    # An explicit layer is what the analyst asked for: nothing to announce.
    assert main(["export", str(brief), "-o", str(out), "--annotations", str(layer)]) == 0
    assert not any(line.startswith("including") for line in capsys.readouterr().err.splitlines())


def test_help_documents_the_default_layer(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "<stem>.annotations.yaml" in text and "--no-annotations" in text


def test_a_label_or_tag_that_matches_nothing_is_said_with_a_did_you_mean(sample_path, tmp_path, capsys):
    """A filter, not an error: exit 0, one sentence on stderr per value that selects nothing."""
    layer = tmp_path / "a.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer),
                 "--labels", "corroborted", "--labels", "Corroborated", "--tags", "follow-upp", "--tags", "nope"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[1:4] == [
        "--labels: no annotation has the label 'corroborted', so it selects nothing; did you mean 'corroborated'?",
        "--tags: no annotation has the tag 'follow-upp', so it selects nothing; did you mean 'follow-up'?",
        "--tags: no annotation has the tag 'nope', so it selects nothing; the tags are 'checked', 'follow-up'",
    ], err
    assert err[4].startswith(f"wrote {out} (")
    # a label that matches (in any case) says nothing
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer), "--labels", "PINK"]) == 0
    assert len(capsys.readouterr().err.splitlines()) == 2
