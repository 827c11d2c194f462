"""Annotation layers: the model of contract §2 and the operations on it.

An `AnnotationLayer` is one analyst's `*.annotations.yaml`: highlights, notes,
tags and confidence grades on elements of one briefing. Annotations are
immutable values; the layer is the mutable container the GUI edits (through
undoable commands that call `add`, `replace` and `remove`) and the store
(`store`) reads and writes. The briefing file itself is never
touched.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing_app.core.briefing.loader import (
    digest_of as briefing_digest,  # the layer's `briefing_digest` of a file's bytes
)

__all__ = [
    "FORMAT", "FORMAT_MAJOR", "COLORS", "DEFAULT_COLOR_LABELS", "CONFIDENCE_LEVELS",
    "Selector", "Annotation", "AnnotationLayer", "briefing_digest", "new_annotation_id",
    "utc_now", "default_layer_path", "briefing_path_for_layer", "next_free_layer_path",
]

FORMAT = "annotations/1"
FORMAT_MAJOR = 1
#: Highlight colours in key order (keys 1–6 in the reader).
COLORS = ("yellow", "green", "blue", "pink", "orange", "purple")
#: What each colour means unless the analyst renames it in preferences.
DEFAULT_COLOR_LABELS: dict[str, str] = {
    "yellow": "key judgment",
    "green": "corroborated",
    "blue": "context",
    "pink": "disputed",
    "orange": "verify",
    "purple": "follow-up",
}
CONFIDENCE_LEVELS = ("high", "moderate", "low")
#: Characters of context kept either side of a selection (contract §2).
CONTEXT_CHARS = 32


def utc_now() -> _dt.datetime:
    """Now, in UTC, to the second (what the files record)."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0)


def new_annotation_id() -> str:
    return str(uuid.uuid4())



@dataclass(frozen=True, slots=True)
class Selector:
    """A range inside one text field: the quote with context, and offsets as a hint."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_text(cls, text: str, start: int, end: int) -> Selector:
        """The selector for `text[start:end]`, with up to 32 characters of context."""
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS):start],
            suffix=text[end:end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlight or note on an element (or a range inside one of its fields)."""

    id: str
    target: str
    field: str | None = None
    selector: Selector | None = None
    color: str | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    confidence: str | None = None
    author: str = ""
    created: _dt.datetime | None = None
    modified: _dt.datetime | None = None
    #: Keys this version does not know, kept as read so a newer minor version's
    #: data survives a save (contract: the format only grows optional fields).
    extras: tuple[tuple[str, Any], ...] = dataclasses.field(default=())

    @property
    def excerpt(self) -> str:
        return self.selector.exact if self.selector else ""

    @property
    def is_whole_element(self) -> bool:
        return self.selector is None

    def edited(self, when: _dt.datetime | None = None, **changes: Any) -> Annotation:
        """A copy with `changes` applied and `modified` set to now (or `when`)."""
        return replace(self, modified=when or utc_now(), **changes)


def _sort_key(a: Annotation) -> str:
    return a.id


class AnnotationLayer:
    """One annotation file's content: header plus annotations by id.

    `read_only_reason` is set when the layer must not be written (a colleague's
    layer, a corrupt or newer file, another instance holding the lock); the
    mutating methods refuse then, so nothing can reach the disk by accident.
    """

    def __init__(
        self,
        briefing: str,
        *,
        briefing_digest: str | None = None,
        author: str = "",
        annotations: Iterable[Annotation] = (),
        path: Path | None = None,
        name: str | None = None,
        extras: Iterable[tuple[str, Any]] = (),
    ) -> None:
        self.briefing = briefing
        self.briefing_digest = briefing_digest
        self.author = author
        self.path = path
        self._name = name
        self.extras: tuple[tuple[str, Any], ...] = tuple(extras)
        self.read_only_reason: str | None = None
        self._items: dict[str, Annotation] = {}
        for a in annotations:
            if a.id in self._items:
                raise ValueError(f"duplicate annotation id {a.id!r}")
            self._items[a.id] = a
        #: Called with no arguments after every change (the GUI schedules autosave).
        self.listeners: list[Callable[[], None]] = []
        self.revision = 0

    # -- reading -------------------------------------------------------------
    @property
    def name(self) -> str:
        """How the layer is shown: its author, else its file name."""
        if self._name:
            return self._name
        if self.author:
            return self.author
        return self.path.name if self.path else "annotations"

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(sorted(self._items.values(), key=_sort_key))

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._items

    def get(self, annotation_id: str) -> Annotation | None:
        return self._items.get(annotation_id)

    def for_target(self, address: str) -> list[Annotation]:
        return [a for a in self if a.target == address]

    def tags_in_use(self) -> list[str]:
        return sorted({t for a in self._items.values() for t in a.tags}, key=str.casefold)

    def same_content(self, other: AnnotationLayer) -> bool:
        return (
            self.briefing == other.briefing
            and self.briefing_digest == other.briefing_digest
            and self.author == other.author
            and self.extras == other.extras
            and list(self) == list(other)
        )

    # -- editing (the only ways annotations change) --------------------------
    def _check_writable(self) -> None:
        if self.read_only_reason is not None:
            raise PermissionError(f"the layer {self.name!r} is read-only: {self.read_only_reason}")

    def _changed(self) -> None:
        self.revision += 1
        for cb in list(self.listeners):
            cb()

    def add(self, annotation: Annotation) -> None:
        self._check_writable()
        if annotation.id in self._items:
            raise ValueError(f"an annotation with id {annotation.id!r} already exists")
        self._items[annotation.id] = annotation
        self._changed()

    def replace(self, annotation: Annotation) -> Annotation:
        """Put `annotation` in place of the one with its id; returns the old one."""
        self._check_writable()
        old = self._items.get(annotation.id)
        if old is None:
            raise KeyError(annotation.id)
        self._items[annotation.id] = annotation
        self._changed()
        return old

    def remove(self, annotation_id: str) -> Annotation:
        self._check_writable()
        old = self._items.pop(annotation_id)
        self._changed()
        return old

    def set_digest(self, digest: str | None) -> None:
        self._check_writable()
        if digest != self.briefing_digest:
            self.briefing_digest = digest
            self._changed()


def default_layer_path(briefing_path: Path) -> Path:
    """`<stem>.annotations.yaml` beside the briefing (contract §2)."""
    return briefing_path.with_name(briefing_path.stem + ".annotations.yaml")


def briefing_path_for_layer(layer_path: Path) -> Path | None:
    """`<stem>.yaml` (or `.yml`) beside `<stem>.annotations.yaml`, if it exists."""
    name = layer_path.name
    for suffix in (".annotations.yaml", ".annotations.yml"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            for ext in (".yaml", ".yml"):
                cand = layer_path.with_name(stem + ext)
                if cand.is_file():
                    return cand
    return None


def next_free_layer_path(path: Path) -> Path:
    """A new layer file name beside `path` (offered when `path` cannot be used)."""
    name = path.name
    base = name[: -len(".annotations.yaml")] if name.endswith(".annotations.yaml") else path.stem
    n = 2
    while True:
        cand = path.with_name(f"{base}-{n}.annotations.yaml")
        if not cand.exists():
            return cand
        n += 1
