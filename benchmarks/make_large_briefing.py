"""Generate a large, valid briefing for benchmarks (deterministic for a seed).

Default size, as the issues ask: 10,000 events (about a tenth of them ranges
with a month-precision end), 2,000 actors, 5,000 quotes and about 1 MB of
source text, some 6 MB of YAML. Every excerpt and quote is cut
from the generated source text, so the file validates with zero problems.

    python benchmarks/make_large_briefing.py OUT.yaml [--events N --actors N --quotes N --source-kb N]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS = (
    "alliance ministry officials talks liaison office security partners naval patrol exercise "
    "missile cooperation regional stability agreement delegation summit defence treaty sanctions "
    "statement spokesperson warned consequences deployment aircraft maritime border dialogue "
    "framework strategic capability deterrence coalition parliament minister envoy announced "
    "reported confirmed denied planned visit bilateral multilateral pressure tension response"
).split()
KINDS = ("person", "state", "organisation", "alliance", "group", "other")
SOURCES = 10


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def make(events: int, actors: int, quotes: int, source_kb: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    per_source = source_kb * 1024 // SOURCES
    texts: list[str] = []
    for _s in range(SOURCES):
        paras, size = [], 0
        while size < per_source:
            sentences = []
            for _ in range(rnd.randint(3, 6)):
                words = rnd.choices(WORDS, k=rnd.randint(8, 18))
                sentences.append(" ".join(words).capitalize() + ".")
            para = " ".join(sentences)
            paras.append(para)
            size += len(para) + 2
        texts.append("\n\n".join(paras))

    def excerpt(k: int = 8) -> tuple[str, str]:
        s = rnd.randrange(SOURCES)
        words = texts[s].split()
        i = rnd.randrange(len(words) - k)
        return f"src-{s}", " ".join(words[i : i + k])

    out = [
        "format: briefing/1",
        "id: large-benchmark",
        'title: "Large benchmark briefing"',
        'subtitle: "Generated to measure loading, validation, GUI and export"',
        "as_of: 2024-12-31",
        "classification: UNCLASSIFIED",
        "authors: [Benchmark Generator]",
        "tags: [benchmark]",
        "sources:",
    ]
    for s, text in enumerate(texts):
        out += [f"  - id: src-{s}", f"    title: {q(f'Generated source {s}')}", "    publisher: Bench Wire",
                "    published: 2024-06", "    reliability: C", "    text: |"]
        out += [("      " + line) if line else "" for line in text.split("\n")]
    out += ["summary:", "  bluf: " + q("A generated briefing large enough to show where time goes."),
            "  key_points:"]
    for k in range(6):
        src, ex = excerpt()
        out += [f"    - id: kp-{k}", f"      text: {q('Key point ' + str(k) + ': ' + ex)}",
                "      confidence: moderate", f"      evidence: [{{source: {src}, quote: {q(ex)}}}]"]
    out.append("actors:")
    for a in range(actors):
        src, ex = excerpt(6)
        aff = f"\n    affiliation: actor-{rnd.randrange(a)}" if a > 10 and rnd.random() < 0.3 else ""
        out.append(
            f"  - id: actor-{a}\n    name: {q('Actor ' + str(a) + ' ' + rnd.choice(WORDS).title())}\n"
            f"    kind: {KINDS[a % len(KINDS)]}\n    role: {q(rnd.choice(WORDS))}{aff}\n"
            f"    aliases: [{q('A' + str(a))}]\n    description: {q(ex)}\n"
            f"    evidence: [{{source: {src}, quote: {q(ex)}}}]"
        )
    out.append("relations:")
    for r in range(actors // 2):
        a, b = rnd.randrange(actors), rnd.randrange(actors)
        out.append(f"  - {{id: rel-{r}, from: actor-{a}, to: actor-{b}, kind: partner}}")
    out.append("timeline:")
    for e in range(events):
        src, ex = excerpt()
        year = 2000 + e % 25
        month = 1 + (e // 25) % 12
        day = 1 + (e // 300) % 28
        date = (f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}", f"{year}")[e % 3]
        who = ", ".join(f"actor-{rnd.randrange(actors)}" for _ in range(rnd.randint(1, 3)))
        approx = "\n    approximate: true" if e % 7 == 0 else ""
        # About one event in ten is a range ending at month precision: in the
        # month it starts (also after a day-precision start: 2003-04-12 to
        # 2003-04 is a valid range) or in the next.
        end_month = (month if e % 19 == 0 else month % 12 + 1) if e % 19 in (0, 9) else 0
        end_year = year + (end_month < month)
        end = f"\n    end: '{end_year}-{end_month:02d}'" if end_month else ""
        out.append(
            f"  - id: ev-{e}\n    date: {date!r}{end}{approx}\n    title: {q('Event ' + str(e) + ': ' + ex[:40])}\n"
            f"    description: {q(ex + ' ' + ' '.join(rnd.choices(WORDS, k=4)))}\n"
            f"    actors: [{who}]\n    location: {q(rnd.choice(WORDS).title())}\n"
            f"    evidence: [{{source: {src}, quote: {q(ex)}}}]"
        )
    out.append("quotes:")
    for n in range(quotes):
        src, ex = excerpt(12)
        out.append(
            f"  - id: q-{n}\n    speaker: actor-{rnd.randrange(actors)}\n    text: {q(ex)}\n"
            f"    said_on: '2024-{1 + n % 12:02d}'\n    context: {q('Generated quote ' + str(n))}\n"
            f"    evidence: [{{source: {src}, quote: {q(ex)}}}]"
        )
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--quotes", type=int, default=5_000)
    ap.add_argument("--source-kb", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=7)
    ns = ap.parse_args()
    text = make(ns.events, ns.actors, ns.quotes, ns.source_kb, ns.seed)
    ns.out.write_text(text, encoding="utf-8")
    print(f"{ns.out}: {len(text.encode()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
