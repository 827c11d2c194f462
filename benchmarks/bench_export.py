"""Benchmark: PDF brief export time, pages per second, and the ratio to a plain
platypus document with the same paragraphs and tables (ReportLab's own floor).

    python benchmarks/bench_export.py [--events N --actors N --quotes N --source-kb N] [--repeat N] [--keep DIR]

The floor sets the same text, cell by cell and paragraph by paragraph, in the
brief's own paragraph styles and frame width, with `Paragraph`s and
`LongTable`s (platypus's long-table class, header repeated): what a
straightforward platypus program would print. It leaves out what only the
brief has — banners, running header and footer, chart, outline, anchors and
links, note marks, highlights, font-fallback runs, boxes. Both run as a caller
would run them: in this process, garbage collector as Python leaves it,
measured from outside `build_brief`.

Targets (issue 9): the large brief no more than 1.2x the floor (its absolute
time printed too); the sample brief under 0.3 s.
Prints wall and CPU time for every run (the machine is shared: CPU time is the
steadier figure); asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle  # noqa: E402

from briefing_app.core.briefing.loader import load_briefing, parse_briefing_bytes  # noqa: E402
from briefing_app.core.briefing.model import Briefing  # noqa: E402
from briefing_app.export.builder import build_brief  # noqa: E402
from briefing_app.export.fonts import SANS, register_fonts  # noqa: E402
from briefing_app.export.styles import build_styles  # noqa: E402
from briefing_app.resources import sample_briefing  # noqa: E402


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def floor_pdf(b: Briefing) -> bytes:
    """The brief's text as plain paragraphs and tables (see the module docstring)."""
    register_fonts()
    st = build_styles()
    width = A4[0] - 40 * mm

    def p(text: str, style: str) -> Paragraph:
        return Paragraph(escape(text), st[style])

    story: list = [p(b.title, "title"), p(b.subtitle or "", "subtitle"), p(b.summary.bluf, "bluf")]
    for kp in b.summary.key_points:
        story += [p(f"KEY JUDGMENT · {kp.confidence or ''}", "confidence_tag"), p(kp.text, "body")]
        # the brief's line of confidence (or, for a fact, its attribution) under each key point
        story.append(p(f"Confidence: {kp.confidence or 'not stated'}", "kp_meta"))

    def table(head: list[str], rows: list[list[str]], widths: list[float]) -> None:
        data = [[p(h, "cell_head") for h in head]] + [[p(c, "cell") for c in r] for r in rows]
        story.append(LongTable(data, colWidths=[w * width for w in widths], repeatRows=1, splitInRow=1,
                               style=TableStyle([("FONT", (0, 0), (-1, -1), SANS, 8.5),
                                                 ("VALIGN", (0, 0), (-1, -1), "TOP")])))
        story.append(Spacer(1, 6))

    n = b.display_name
    table(["Name", "Kind", "Role", "Affiliation"], [
        [" ".join(filter(None, [a.name, "also " + "; ".join(a.aliases) if a.aliases else "", a.description])),
         a.kind, a.role or "—", n(a.affiliation) if a.affiliation else "—"] for a in b.actors],
        [0.40, 0.14, 0.26, 0.20])
    table(["From", "Relation", "To", "Note"],
          [[n(r.from_actor), r.kind, n(r.to_actor), r.note or "—"] for r in b.relations], [0.22, 0.16, 0.22, 0.40])
    table(["Date", "Event", "Actors"], [
        [e.when, " ".join(filter(None, [e.title, e.description, e.location])),
         ", ".join(n(a) for a in e.actors) or "—"] for e in b.chronological], [0.17, 0.58, 0.25])
    for q in b.quotes:
        story += [p(f"\u201c{q.text}\u201d", "quote"),
                  p(" · ".join(filter(None, [n(q.speaker), q.said_on.display(long=True) if q.said_on else "",
                                             q.context])), "quote_by")]
    story += [p(" ".join(filter(None, [s.title, s.publisher, s.url])), "source") for s in b.sources]
    # One note per distinct cited passage, as the brief prints them (its paragraph is not looked up here).
    passages = dict.fromkeys((e.source, e.quote) for _, ev in b.cited_elements() for e in ev)
    index = {s.id: i for i, s in enumerate(b.sources, start=1)}
    for i, (sid, quote) in enumerate(passages, start=1):
        story.append(p(f"{i}. S{index.get(sid, 0)} \u201c{quote}\u201d", "endnote"))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=24 * mm, bottomMargin=22 * mm).build(story)
    return buf.getvalue()


def timed(fn, repeat: int) -> tuple[list[tuple[float, float]], bytes]:
    """(wall, cpu) of each run, and the output."""
    runs, out = [], b""
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        runs.append((time.perf_counter() - w, time.process_time() - c))
    return runs, out


def report(name: str, b: Briefing, repeat: int, target: str, out_dir: Path | None = None) -> None:
    brief_runs, pdf = timed(lambda: build_brief(b), repeat)
    if out_dir is not None:
        (out_dir / f"{name}.pdf").write_bytes(pdf)
    floor_runs, fpdf = timed(lambda: floor_pdf(b), repeat)
    n, fn = pages(pdf), pages(fpdf)
    for i, ((bw, bc), (fw, fc)) in enumerate(zip(brief_runs, floor_runs, strict=True), start=1):
        print(f"{name} run {i}: brief {bw:7.2f} s wall {bc:7.2f} s CPU | floor {fw:7.2f} s wall {fc:7.2f} s CPU"
              f" | ratio {bw / fw:4.2f}x wall {bc / fc:4.2f}x CPU")
    bw = statistics.median(w for w, _ in brief_runs)
    bc = statistics.median(c for _, c in brief_runs)
    fw = statistics.median(w for w, _ in floor_runs)
    fc = statistics.median(c for _, c in floor_runs)
    print(f"{name}: brief {bw:7.2f} s wall, {bc:7.2f} s CPU (median of {repeat}), {n:5d} pages, "
          f"{n / bw:7.1f} pages/s, {len(pdf) / 1e6:6.2f} MB")
    print(f"{name}: floor {fw:7.2f} s wall, {fc:7.2f} s CPU, {fn:5d} pages (plain platypus, same text and styles)")
    print(f"{name}: ratio brief/floor = {bw / fw:.2f}x wall, {bc / fc:.2f}x CPU (target: {target})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--quotes", type=int, default=5_000)
    ap.add_argument("--source-kb", type=int, default=1_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--keep", type=Path, default=None, help="write sample.pdf and large.pdf into this folder")
    args = ap.parse_args()
    register_fonts()
    try:
        import _rl_accel  # noqa: F401

        print("ReportLab C accelerator (rl-accel): present")
    except ImportError:
        print("ReportLab C accelerator (rl-accel): MISSING — pip install rl-accel; times will be slower")
    report("sample", load_briefing(sample_briefing()), max(3, args.repeat), "brief < 0.3 s", args.keep)
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
    report("large", big, args.repeat, "<= 1.2x the floor", args.keep)
    print("targets: large brief <= 1.2x the floor; sample brief < 0.3 s")


if __name__ == "__main__":
    main()
