"""What a briefing with problems is read as: every valid part kept, only the faulty one left out.

Analysts receive imperfect files and still need to read them, so the app
opens a briefing with problems (`load_briefing_lenient`) while `validate`,
`check` and `export` stay strict. Each kind of problem leaves out as little
as it can, and never invents content:

* **an unknown field** is not read; its element is kept;
* **an optional field that is not valid** (a bad `end` date, `url`,
  `confidence`, a `likelihood` on a fact, an `end` before `date`) is left out,
  as if it were not written; its element is kept;
* **a required field that is not valid or missing** (an event's `date`, an
  actor's `kind`, any `id`) leaves out its element: it cannot be shown or
  addressed without it. A **duplicate id** leaves out the later element;
* **a quote or excerpt not found in its source** is kept as written (the
  reader sees what the file claims, marked as a problem);
* **a reference that does not resolve** is dropped where following it would
  lead nowhere: an event's unknown actor, an actor's unknown `affiliation`,
  a relation whose end is unknown (the relation is left out), evidence that
  cites an unknown source (that evidence item). A quote keeps its unknown
  `speaker`, shown by its id;
* **the top level**: a missing or invalid `title` reads as the file name,
  `id` as a slug of the file name, `as_of` as the last day the timeline
  reaches (else today), `classification` as "CLASSIFICATION UNKNOWN" (never
  a guess that lowers it), `language` as `en`, the other optional fields as
  absent; a missing or invalid summary or `bluf` as an empty bottom line.

Only a file that is not a briefing at all (not YAML, not a mapping, an
annotation file, a newer format) gives nothing to read: `LoadError`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from briefing_app.core.briefing.fields import INVALID, SUPPORTED_MAJOR, Fields
from briefing_app.core.briefing.model import Event, Source, Summary

__all__ = ["drop_invalid_optional", "make_readable", "UNKNOWN_CLASSIFICATION"]

#: The banner of a briefing whose `classification` cannot be read: it must not read as UNCLASSIFIED.
UNKNOWN_CLASSIFICATION = "CLASSIFICATION UNKNOWN"


def drop_invalid_optional(fields: dict[str, Any], spec: Fields) -> bool:
    """Leave out the invalid optional fields; False (the element is left out) if a required one is invalid."""
    bad = [k for k, v in fields.items() if v is INVALID]
    if any(spec[k][0] for k in bad):
        return False
    for k in bad:
        del fields[k]
    return True


def make_readable(top: dict[str, Any], summary: Summary | None, parts: dict[str, tuple[Any, ...]],
                  sources: tuple[Source, ...], filename: str) -> tuple[Summary, dict[str, tuple[Any, ...]]]:
    """Fill the top level's unreadable fields (in `top`) and drop references that lead nowhere."""
    _fill_top(top, parts["timeline"], filename)
    actor_ids = {a.id for a in parts["actors"]}
    source_ids = {s.id for s in sources}

    def cited(el: Any) -> Any:
        kept = tuple(e for e in el.evidence if e.source in source_ids)
        return el if len(kept) == len(el.evidence) else replace(el, evidence=kept)

    actors = tuple(cited(a if a.affiliation in (None, *actor_ids) else replace(a, affiliation=None))
                   for a in parts["actors"])
    relations = tuple(cited(r) for r in parts["relations"] if r.from_actor in actor_ids and r.to_actor in actor_ids)
    timeline = tuple(cited(_known_actors(e, actor_ids)) for e in parts["timeline"])
    quotes = tuple(cited(q) for q in parts["quotes"])
    summary = summary or Summary("", ())
    summary = Summary(summary.bluf, tuple(cited(k) for k in summary.key_points))
    return summary, {"actors": actors, "relations": relations, "timeline": timeline, "quotes": quotes}


def _known_actors(e: Event, actor_ids: set[str]) -> Event:
    kept = tuple(a for a in e.actors if a in actor_ids)
    return e if len(kept) == len(e.actors) else replace(e, actors=kept)


def _fill_top(top: dict[str, Any], timeline: tuple[Event, ...], filename: str) -> None:
    stem = PurePath(filename).stem or "briefing"
    fallbacks: dict[str, Any] = {
        "format": f"briefing/{SUPPORTED_MAJOR}",
        "id": re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "briefing",
        "title": stem,
        "as_of": max((e.end or e.date).latest() for e in timeline) if timeline else _dt.date.today(),
        "classification": UNKNOWN_CLASSIFICATION,
        "language": "en",
    }
    for key, value in list(top.items()):
        if value is INVALID:
            if key in fallbacks:
                top[key] = fallbacks[key]
            else:
                del top[key]  # an optional field (product, subtitle, authors, tags): absent
