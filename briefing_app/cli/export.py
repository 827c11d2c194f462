"""`briefing-app export FILE -o OUT.pdf`: the command-line side of the brief.

Loads the briefing and the annotation layers, builds the PDF in memory and
only then writes it atomically, so a failure leaves no partial file. Every
failure is one plain sentence on stderr (located problems one per line) and
exit status 1; orphaned annotations are listed and the export still succeeds.
Without `--annotations` the layer beside the briefing (`<stem>.annotations.yaml`)
is included, and stderr says so in one line. On success stderr says what was
written: `wrote OUT.pdf (N pages)`.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing_app.cli.errors import EXIT_OK, EXIT_USAGE, CommandError, print_lines
from briefing_app.cli.parser import BRIEF_SECTIONS
from briefing_app.core.io.atomic import write_atomic
from briefing_app.core.problems import BriefingError
from briefing_app.export.builder import BriefOptions, build_brief
from briefing_app.export.highlights import Highlight

__all__ = ["export_command", "parse_sections", "count_pages", "unmatched_filters"]

#: A page object of the PDF (`/Type /Page`, not the `/Type /Pages` tree nodes).
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF ReportLab wrote (it writes no compressed object streams)."""
    return len(_PAGE_OBJECT.findall(pdf))


def parse_sections(names: Sequence[str]) -> tuple[str, ...]:
    """The `--sections` list checked against the contract's names, in the order given."""
    if not names:
        raise CommandError(f"--sections needs at least one of {', '.join(BRIEF_SECTIONS)}", EXIT_USAGE)
    seen: list[str] = []
    for name in names:
        if name not in BRIEF_SECTIONS:
            close = difflib.get_close_matches(name, BRIEF_SECTIONS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; the sections are {', '.join(BRIEF_SECTIONS)}"
            raise CommandError(f"--sections: {name!r} is not a section of the brief{hint}", EXIT_USAGE)
        if name in seen:
            raise CommandError(f"--sections: {name!r} is given twice", EXIT_USAGE)
        seen.append(name)
    return tuple(seen)


def _unmatched(option: str, what: str, given: Sequence[str], existing: set[str]) -> list[str]:
    known = {x.casefold(): x for x in sorted(existing)}
    out = []
    for value in dict.fromkeys(given):
        if value.casefold() in known:
            continue
        close = difflib.get_close_matches(value.casefold(), list(known), n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean {known[close[0]]!r}?"
        elif known:
            hint = f"; the {what}s are {', '.join(repr(x) for x in known.values())}"
        else:
            hint = f"; no annotation has a {what}"
        out.append(f"{option}: no annotation has the {what} {value!r}, so it selects nothing{hint}")
    return out


def unmatched_filters(highlights: Sequence[Highlight], labels: Sequence[str], tags: Sequence[str]) -> list[str]:
    """One sentence per `--labels`/`--tags` value that matches no annotation (a filter, so not an error)."""
    return (_unmatched("--labels", "label", labels, {h.label for h in highlights if h.label}
                       | {h.colour for h in highlights if h.colour})
            + _unmatched("--tags", "tag", tags, {t for h in highlights for t in h.tags}))


def export_command(file: str, output: str, *, annotations: Sequence[str] = (), no_annotations: bool = False,
                   page_size: str = "a4", sections: Sequence[str] | None = None,
                   labels: Sequence[str] = (), tags: Sequence[str] = ()) -> int:
    from briefing_app.core.briefing.loader import load_briefing

    src = Path(file)
    out = Path(output)
    if out.is_dir():
        raise CommandError(f"cannot write {output}: it is a folder")
    if not out.parent.is_dir() and str(out.parent) not in ("", "."):
        raise CommandError(f"cannot write {output}: folder {out.parent} does not exist")
    if no_annotations and annotations:
        raise CommandError("--no-annotations and --annotations contradict each other; give one", EXIT_USAGE)
    chosen = parse_sections(sections) if sections is not None else None
    try:
        briefing = load_briefing(src, display_name=file)
    except BriefingError as exc:
        print_lines(exc.problems)
        return 1

    highlights: list[Highlight] = []
    if not no_annotations:
        from briefing_app.core.annotations import default_layer_path, load_layer
        from briefing_app.export.adapter import highlights_from_layers

        paths = [Path(p) for p in annotations]
        if not paths and default_layer_path(src).is_file():
            # The analyst's own layer goes in by default (the contract's
            # --no-annotations implies it), but never silently: a brief for a
            # decision maker should not carry working notes by surprise.
            paths = [default_layer_path(src)]
            print(f"including annotations from {paths[0]} (--no-annotations leaves them out)", file=sys.stderr)
        layers = []
        for p in paths:
            try:
                layer = load_layer(p, display_name=str(p))
            except BriefingError as exc:
                print_lines(exc.problems)
                return 1
            if layer.briefing != briefing.id:
                raise CommandError(f"{p} annotates briefing {layer.briefing!r}, but {file} is briefing "
                                   f"{briefing.id!r}")
            layers.append(layer)
        highlights, orphans = highlights_from_layers(briefing, layers)
        print_lines(o.line() for o in orphans)
    print_lines(unmatched_filters(highlights, labels, tags))

    options = BriefOptions(page_size=page_size, annotations=not no_annotations,
                           labels=tuple(labels), tags=tuple(tags))
    if chosen is not None:
        # BriefOptions.sections is becoming an ordered tuple of the contract's names (the PDF task);
        # until that lands it is a frozenset of the builder's own names.
        options = BriefOptions(page_size=page_size, annotations=not no_annotations, labels=tuple(labels),
                               tags=tuple(tags), sections=chosen)  # type: ignore[arg-type]
    try:
        data = build_brief(briefing, highlights, options)
    except Exception as exc:  # noqa: BLE001 — one sentence, never a traceback
        raise CommandError(f"could not build the PDF brief from {file}: {type(exc).__name__}: {exc}") from None
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise CommandError(f"cannot write {output}: {exc.strerror or exc}") from None
    pages = count_pages(data)
    print(f"wrote {output} ({pages} page{'s' if pages != 1 else ''})", file=sys.stderr)
    return EXIT_OK
