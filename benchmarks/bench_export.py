"""Benchmark: PDF brief export time, pages per second, and the ratio to a plain
platypus document with the same paragraphs and tables (ReportLab's own floor).

    python benchmarks/bench_export.py [--events N --actors N --quotes N --source-kb N] [--repeat N]

Targets (issue 5): the large brief in under 10 s and no more than 2x the floor.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer  # noqa: E402

from briefing_app.core.loader import load_briefing, parse_briefing_bytes  # noqa: E402
from briefing_app.core.model import Briefing  # noqa: E402
from briefing_app.export.builder import build_brief  # noqa: E402
from briefing_app.export.fonts import SANS, SERIF, register_fonts  # noqa: E402
from briefing_app.resources import sample_briefing  # noqa: E402


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def floor_pdf(b: Briefing) -> bytes:
    """The same text as plain paragraphs and tables: no banners, chart, links, fallback or outline."""
    register_fonts()
    body = ParagraphStyle("b", fontName=SERIF, fontSize=10, leading=14)
    cell = ParagraphStyle("c", fontName=SANS, fontSize=8.5, leading=11)
    head = ParagraphStyle("h", fontName=SANS, fontSize=14, leading=18)
    P = Paragraph  # noqa: N806
    story: list = [P(escape(b.title), head), P(escape(b.summary.bluf), body)]
    story += [P(escape(k.text), body) for k in b.summary.key_points]

    def table(rows: list[list[str]], widths: list[float]) -> None:
        data = [[P(escape(c), cell) for c in r] for r in rows]
        story.append(LongTable(data, colWidths=[w * 480 for w in widths], repeatRows=1))
        story.append(Spacer(1, 6))

    table([["Name", "Kind", "Role", "Affiliation"]] + [
        [a.name + " " + (a.description or ""), a.kind, a.role or "", a.affiliation or ""] for a in b.actors],
        [0.4, 0.14, 0.26, 0.2])
    table([["From", "Relation", "To", "Note"]] + [[r.from_actor, r.kind, r.to_actor, r.note or ""]
                                                  for r in b.relations], [0.22, 0.16, 0.22, 0.4])
    table([["Date", "Event", "Actors"]] + [[e.when, e.title + " " + (e.description or ""), ", ".join(e.actors)]
                                          for e in b.chronological], [0.17, 0.58, 0.25])
    story += [P(escape(q.text), body) for q in b.quotes]
    story += [P(escape(s.title), body) for s in b.sources]
    for _, ev in b.cited_elements():
        story.append(P("; ".join(escape(e.quote) for e in ev), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    return buf.getvalue()


def timed(fn, repeat: int) -> tuple[float, bytes]:
    best, out = float("inf"), b""
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def report(name: str, b: Briefing, repeat: int) -> None:
    t_brief, pdf = timed(lambda: build_brief(b), repeat)
    t_floor, fpdf = timed(lambda: floor_pdf(b), repeat)
    n, fn = pages(pdf), pages(fpdf)
    print(f"{name}: brief {t_brief:7.2f} s, {n:5d} pages, {n / t_brief:7.1f} pages/s, {len(pdf) / 1e6:6.2f} MB")
    print(f"{name}: floor {t_floor:7.2f} s, {fn:5d} pages (plain platypus, same paragraphs and tables)")
    print(f"{name}: ratio brief/floor = {t_brief / t_floor:.2f}x (target <= 2x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--quotes", type=int, default=5_000)
    ap.add_argument("--source-kb", type=int, default=1_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    register_fonts()
    report("sample", load_briefing(sample_briefing()), max(3, args.repeat))
    try:
        from make_large_briefing import make
    except ImportError:
        print("benchmarks/make_large_briefing.py is missing: large benchmark skipped")
        return
    t = time.perf_counter()
    text = make(args.events, args.actors, args.quotes, args.source_kb)
    big = parse_briefing_bytes(text.encode("utf-8"), "large.yaml")
    print(f"large briefing: {len(big.timeline):,} events, {len(big.actors):,} actors, {len(big.quotes):,} quotes, "
          f"{sum(len(s.text) for s in big.sources) / 1e6:.2f} M characters of source text "
          f"(generated and loaded in {time.perf_counter() - t:.1f} s)")
    report("large", big, args.repeat)
    print("target: large brief < 10 s")


if __name__ == "__main__":
    main()
