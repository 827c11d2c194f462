"""Property tests: on any input the loader returns a briefing or raises its own error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.briefing.loader import parse_briefing_bytes
from briefing_app.core.io import yamlsafe
from briefing_app.core.problems import BriefingError

from .helpers import MINIMAL

BACKENDS = [True, False] if yamlsafe.HAVE_LIBYAML else [False]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(data: bytes, libyaml: bool) -> str:
    try:
        parse_briefing_bytes(data, "p.yaml", use_libyaml=libyaml)
        return "ok"
    except BriefingError as exc:
        for p in exc.problems:
            assert p.line >= 1 and p.col >= 1 and p.message.strip()
            assert "\n" not in p.message
        return "error"


@pytest.mark.parametrize("libyaml", BACKENDS)
@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(libyaml, data):
    outcome(data, libyaml)


# YAML-looking text: the characters YAML's grammar turns on, plus anything else.
_YAML_ALPHABET = st.sampled_from(list("-:?[]{},#&*!|>'\"%@`\\ \n\t~.0123456789abcxyz") +
                                 ["\u00e9", "\u2028", "\u0085", "\ufeff", "\U0001f600", "\x00", "\x1b"])
yamlish = st.lists(_YAML_ALPHABET, max_size=200).map("".join)


@pytest.mark.parametrize("libyaml", BACKENDS)
@SETTINGS
@given(yamlish)
def test_arbitrary_yamlish_text(libyaml, text):
    outcome(text.encode("utf-8", "surrogatepass"), libyaml)


@SETTINGS
@given(st.integers(0, len(MINIMAL) - 1), st.text(max_size=12))
def test_mutated_briefings_never_escape_our_error(pos, insert):
    data = (MINIMAL[:pos] + insert + MINIMAL[pos:]).encode("utf-8", "surrogatepass")
    results = {outcome(data, b) for b in BACKENDS}
    assert results <= {"ok", "error"}


_plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(_plain_values)
def test_arbitrary_yaml_documents(value):
    """Real YAML made by PyYAML's own emitter: any shape of document."""
    import yaml

    data = yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass")
    results = {outcome(data, b) for b in BACKENDS}
    assert results == {"error"}  # none of these is a briefing
