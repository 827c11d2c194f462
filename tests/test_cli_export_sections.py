"""`briefing-app export --sections LIST` (contract §3): the contract's names, in print order, checked first."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.cli import main
from briefing_app.cli.export import count_pages
from briefing_app.cli.parser import BRIEF_SECTIONS

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "briefings" / "japan-nato-liaison-office.yaml"


@pytest.fixture
def built(monkeypatch):
    """The options `export` passes to the PDF builder (which is another task's and stays out of this test)."""
    import briefing_app.cli.export as command

    seen = []

    def fake_build(briefing, highlights, options):
        seen.append(options)
        return b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\n2 0 obj << /Type /Page >>\n"

    monkeypatch.setattr(command, "build_brief", fake_build)
    return seen


def test_sections_are_passed_in_the_order_given(built, tmp_path, capsys):
    out = tmp_path / "b.pdf"
    assert main(["export", str(SAMPLE), "-o", str(out), "--sections", "timeline, bluf,judgments"]) == 0
    assert tuple(built[0].sections) == ("timeline", "bluf", "judgments")
    assert capsys.readouterr().err == f"wrote {out} (1 page)\n"


def test_without_sections_the_builder_default_is_used(built, tmp_path):
    from briefing_app.export.builder import BriefOptions

    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "b.pdf")]) == 0
    assert built[0].sections == BriefOptions().sections


@pytest.mark.parametrize(("value", "message"), [
    ("bluf,judgements", "--sections: 'judgements' is not a section of the brief; did you mean 'judgments'?"),
    ("bluf,appendix", "--sections: 'appendix' is not a section of the brief; the sections are "
                      + ", ".join(BRIEF_SECTIONS)),
    ("bluf,bluf", "--sections: 'bluf' is given twice"),
    (",", "--sections needs at least one of " + ", ".join(BRIEF_SECTIONS)),
])
def test_bad_sections_are_one_sentence_and_write_nothing(value, message, tmp_path):
    out = tmp_path / "b.pdf"
    res = subprocess.run([sys.executable, "-m", "briefing_app.cli", "export", str(SAMPLE), "-o", str(out),
                          "--sections", value], capture_output=True, text=True, timeout=120)
    assert (res.returncode, res.stderr) == (2, f"briefing-app: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_pages_are_counted_from_the_pdf_itself(tmp_path):
    res = subprocess.run([sys.executable, "-m", "briefing_app.cli", "export", str(SAMPLE), "-o",
                          str(tmp_path / "b.pdf")], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    pdf = (tmp_path / "b.pdf").read_bytes()
    n = count_pages(pdf)
    if shutil.which("pdfinfo"):  # poppler's own count
        info = subprocess.run(["pdfinfo", str(tmp_path / "b.pdf")], capture_output=True, text=True).stdout
        assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1)) == n
    assert n > 1
    assert res.stderr == f"wrote {tmp_path / 'b.pdf'} ({n} pages)\n"
    assert count_pages(b"<< /Type /Pages /Count 0 >>") == 0


def test_page_size_is_case_insensitive(tmp_path):
    out = tmp_path / "brief.pdf"
    assert main(["export", str(SAMPLE), "-o", str(out), "--page-size", "A4", "--sections", "bluf"]) == 0
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in out.read_bytes()
