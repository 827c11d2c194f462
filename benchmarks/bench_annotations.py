"""Benchmark annotation layers: save and load 10,000 annotations, re-anchor 10,000 on a revised briefing.

Targets (issue 4): save < 0.3 s; load < 0.5 s; re-anchoring < 1 s. The large briefing comes
from `make_large_briefing.py` (10,000 events, 2,000 actors, 5,000 quotes,
~1 MB of source text), revised in memory: a paragraph inserted at the top of
every source and a prefix added to a third of the event descriptions (text
moves), a word changed in a tenth of them (fuzzy), 5 % of events deleted
(orphans).

    python benchmarks/bench_annotations.py [--n 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_large_briefing import make  # noqa: E402

from briefing_app.core.annotations import (  # noqa: E402
    COLORS,
    Annotation,
    AnnotationLayer,
    Selector,
    layer_to_bytes,
    load_layer,
    save_layer,
    utc_now,
)
from briefing_app.core.annotations.anchoring import field_text, reanchor  # noqa: E402
from briefing_app.core.briefing.loader import digest_of, parse_briefing_bytes  # noqa: E402

SAVE_TARGET = 0.3
LOAD_TARGET = 0.5
ANCHOR_TARGET = 1.0


def best_of(repeat: int, fn) -> float:
    return best_of_wall_cpu(repeat, fn)[0]


def best_of_wall_cpu(repeat: int, fn) -> tuple[float, float]:
    """Best wall-clock and best CPU time (the machine is shared: CPU time is the steadier figure)."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def build_annotations(b, n: int, rng: random.Random) -> list[Annotation]:
    now = utc_now()
    targets = ([(e.address, "description") for e in b.timeline] * 2
               + [(q.address, "text") for q in b.quotes]
               + [(a.address, "description") for a in b.actors]
               + [(s.address, "text") for s in b.sources] * 50)
    out = []
    for i in range(n):
        address, field = rng.choice(targets)
        text = field_text(b, address, field)
        if i % 10 == 0:  # a whole-element note
            sel, field_ = None, None
        else:
            start = rng.randrange(0, max(1, len(text) - 40))
            end = min(len(text), start + rng.randint(12, 60))
            sel, field_ = Selector.from_text(text, start, end), field
        out.append(Annotation(f"{i:08x}-bench", address, field_, sel, COLORS[i % 6],
                              note=f"Note {i}: see *this* \u2028 and that.", tags=("bench", f"t{i % 17}"),
                              confidence=("high", "moderate", "low")[i % 3], author="Bench",
                              created=now, modified=now))
    return out


def revise(b, rng: random.Random):
    sources = tuple(dataclasses.replace(s, text="Inserted opening paragraph.\n\n" + s.text) for s in b.sources)
    events = []
    for i, e in enumerate(b.timeline):
        if i % 20 == 0:
            continue  # deleted: orphans
        d = e.description or ""
        if i % 3 == 0:
            d = "Revised: " + d
        if i % 10 == 1:
            words = d.split(" ")
            k = len(words) // 2
            words[k] = words[k][::-1]
            d = " ".join(words)
        events.append(dataclasses.replace(e, description=d))
    return dataclasses.replace(b, sources=sources, timeline=tuple(events))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ns = ap.parse_args()
    rng = random.Random(4)
    data = make(10_000, 2_000, 5_000, 1_000).encode()
    b = parse_briefing_bytes(data, "large.yaml")
    layer = AnnotationLayer(b.id, briefing_digest=digest_of(data), author="Bench",
                            annotations=build_annotations(b, ns.n, rng))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.annotations.yaml"
        t_bytes = best_of(ns.repeat, lambda: layer_to_bytes(layer))
        t_save = best_of(ns.repeat, lambda: save_layer(layer, path))
        size = path.stat().st_size
        t_load, cpu_load = best_of_wall_cpu(ns.repeat, lambda: load_layer(path))
        assert list(load_layer(path)) == list(layer)
    revised = revise(b, rng)
    t_same = best_of(ns.repeat, lambda: reanchor(b, layer))
    t_anchor = best_of(ns.repeat, lambda: reanchor(revised, layer, layer.briefing_digest, "sha256:revised"))
    counts = reanchor(revised, layer).counts()
    print(f"annotations: {len(layer):,}  file: {size / 1e6:.2f} MB")
    print(f"serialise:        {t_bytes:.3f} s")
    print(f"save (atomic):    {t_save:.3f} s   target < {SAVE_TARGET} s   ratio {t_save / SAVE_TARGET:.2f}")
    print(f"load:             {t_load:.3f} s   target < {LOAD_TARGET} s   ratio {t_load / LOAD_TARGET:.2f}"
          f"   (CPU {cpu_load:.3f} s)")
    print(f"anchor unchanged: {t_same:.3f} s")
    print(f"re-anchor revised:{t_anchor:.3f} s   target < {ANCHOR_TARGET} s   ratio {t_anchor / ANCHOR_TARGET:.2f}")
    print("  statuses on the revision: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
