"""Helpers to read PDFs back with poppler (skip with a reason if it is missing)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian poppler-utils / qpdf)")
    return path


def pages_text(pdf: bytes | Path, tmp: Path) -> list[str]:
    """Text of each page (pdftotext, reading order)."""
    need("pdftotext")
    if isinstance(pdf, bytes):
        path = tmp / "x.pdf"
        path.write_bytes(pdf)
    else:
        path = pdf
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def flat(text: str) -> str:
    """White space collapsed, for comparing text that wraps across lines."""
    return re.sub(r"\s+", " ", text).strip()


def body_text(pages: list[str], classification: str, title: str) -> str:
    """All pages' text without banners, running header and footer, flattened."""
    banner = re.escape(classification.upper())
    header = re.escape(flat(title)[:60]) + ".*"
    furniture = re.compile(
        rf"^({banner}|{header}|As of \d+ \w+ \d{{4}}|.* · information as of \d+ \w+ \d{{4}}|Page \d+ of \d+)$")
    keep = []
    for page in pages:
        for line in page.splitlines():
            if not furniture.match(line.strip()):
                keep.append(line)
    # Superscript note marks ([12], A3) are extracted as separate words: drop them.
    return flat(re.sub(r"(?m)^\s*(\[\d+\]|A\d+)\s*$", " ", "\n".join(keep)))
