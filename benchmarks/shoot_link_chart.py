"""Screenshots of the Relations page (link chart + table), and the time its layout takes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/shoot_link_chart.py OUTDIR

writes `relations-{sample,200}-{1400x900,1024x768}-{light,dark}[-selected].png`
(the page as grabbed off screen, fitted, then with an actor selected and zoomed in) and `chart-{sample,200}.{png,svg}` (the chart's own
exports), and prints how long building the chart took for each briefing.
The 200-actor briefing is generated (seeded, 400 relations, with hubs,
parallel and opposite relations and two self-relations).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

from briefing_app.core.briefing.model import ACTOR_KINDS, Actor, Briefing, Relation, Source, Summary

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"
KINDS = ("partner", "member of", "opposes", "funds", "supplies arms to", "in talks with", "negotiates with",
         "sanctions", "reports to", "accused")
NAMES = ("Northern", "Eastern", "Coastal", "Federal", "United", "Free", "Allied", "Central", "Western", "Red",
         "Blue", "Iron", "Silver", "Golden", "Maritime")
NOUNS = ("Ministry", "Council", "Front", "Republic", "Brigade", "Union", "Agency", "Party", "Forum", "League")


def network_briefing(n_actors: int = 200, n_relations: int = 400, seed: int = 5) -> Briefing:
    """A briefing with a realistic-looking network: a few hubs, many small players."""
    rnd = random.Random(seed)
    actors = []
    for i in range(n_actors):
        kind = ACTOR_KINDS[i % len(ACTOR_KINDS)]
        name = (f"Person {i} {rnd.choice(NAMES)}" if kind == "person"
                else f"{rnd.choice(NAMES)} {rnd.choice(NOUNS)} {i}")
        actors.append(Actor(f"actor-{i}", name, kind, role="Generated"))
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_actors)]  # a few hubs
    relations = []
    for r in range(n_relations - 2):
        a = rnd.choices(range(n_actors), weights)[0] if r % 2 else rnd.randrange(n_actors)
        b = rnd.choices(range(n_actors), weights)[0]
        if a == b:
            b = (b + 1) % n_actors
        relations.append(Relation(f"rel-{r}", f"actor-{a}", f"actor-{b}", rnd.choice(KINDS)))
    relations += [Relation("rel-self-0", "actor-3", "actor-3", "reorganised"),
                  Relation("rel-self-1", "actor-3", "actor-3", "split")]
    return Briefing(id="generated-network", title="Generated network", as_of=dt.date(2024, 1, 1),
                    sources=(Source("s", "Source", "Text."),), summary=Summary("A generated network."),
                    actors=tuple(actors), relations=tuple(relations))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.gui.pages.relations import RelationsPage
    from briefing_app.gui.theme import ENV_SCHEME, apply_color_scheme

    os.environ[ENV_SCHEME] = "light"
    app = QApplication.instance() or QApplication([])
    apply_color_scheme(app)
    briefings = {"sample": load_briefing(SAMPLE), "200": network_briefing()}
    for scheme in ("light", "dark"):
        os.environ[ENV_SCHEME] = scheme
        apply_color_scheme(app)
        for name, b in briefings.items():
            page = RelationsPage()
            t = time.perf_counter()
            page.set_briefing(b)
            took = time.perf_counter() - t
            if scheme == "light":
                print(f"{name}: {len(b.actors)} actors, {len(b.relations)} relations, chart built in {took:.2f} s")
                page.chart.export_png(str(out / f"chart-{name}.png"))
                page.chart.export_svg(str(out / f"chart-{name}.svg"))
            for w, h in ((1400, 900), (1024, 768)):
                page.resize(w, h)
                page.show()
                app.processEvents()
                page.chart.fit()
                app.processEvents()
                page.grab().save(str(out / f"relations-{name}-{w}x{h}-{scheme}.png"))
                # an actor selected: its neighbourhood stands out, the chart zoomed in on it
                hub = "actors/japan" if name == "sample" else "actors/actor-0"
                page.select(hub)
                page.chart.resetTransform()
                page.chart.zoom_by(1.0 if name == "sample" else 0.6)
                page.chart.centerOn(page.chart.scene_point(hub))
                app.processEvents()
                page.grab().save(str(out / f"relations-{name}-{w}x{h}-{scheme}-selected.png"))
                page.chart.clear_selection()
            page.close()
    print(f"written to {out}")


if __name__ == "__main__":
    main()
