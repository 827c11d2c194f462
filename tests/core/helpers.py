"""Small valid briefings to break in tests, one field at a time."""

from __future__ import annotations

import textwrap

MINIMAL = textwrap.dedent("""\
    format: briefing/1
    id: test-briefing
    title: Test briefing
    as_of: 2023-05-01
    sources:
      - id: src
        title: A source
        text: |
          The quick brown fox jumps over the lazy dog.

          Hayashi said, \u201cWe are already in discussions.\u201d
    summary:
      bluf: Foxes jump.
      key_points:
        - id: kp1
          text: It jumps.
          confidence: moderate
          evidence: [quick brown fox]
    actors:
      - {id: hayashi, name: Yoshimasa Hayashi, kind: person, affiliation: japan}
      - {id: japan, name: Japan, kind: state}
    relations:
      - {id: r1, from: hayashi, to: japan, kind: member of}
    timeline:
      - id: e1
        date: 2023-03
        title: A jump
        actors: [hayashi]
        evidence: [{source: src, quote: jumps over the lazy dog}]
    quotes:
      - id: q1
        speaker: hayashi
        text: We are already in discussions.
    """)


def with_lines(*replacements: tuple[str, str]) -> str:
    """MINIMAL with each `old` line fragment replaced by `new` (must occur)."""
    text = MINIMAL
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text
