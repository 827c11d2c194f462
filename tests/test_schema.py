"""The JSON Schema for briefings: valid itself, accepts the sample, rejects
what the contract rejects, and documents every property for editors.

Editors (yaml-language-server) check briefing files against
`resources/schema/briefing.schema.json`, so the schema must agree with
FORMAT.md §1 and with `briefing-app validate`: a file the validator accepts
must not be flagged, and the mistakes authors make most (typos in keys, bad
slugs, bad dates, a wrong actor kind) must be.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefing_app.core.briefing.loader import parse_briefing_bytes
from briefing_app.core.briefing.model import (
    ACTOR_KINDS,
    CONFIDENCE_LEVELS,
    KEY_POINT_KINDS,
    LIKELIHOOD_TERMS,
    RELIABILITY_CODES,
)
from briefing_app.core.problems import BriefingError
from briefing_app.resources import resource_path, sample_briefing

SCHEMA_PATH = resource_path("schema", "briefing.schema.json")
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _jsonable(value: Any) -> Any:
    """YAML gives dates as `datetime.date`; the schema speaks JSON, so ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def sample_data() -> dict[str, Any]:
    with sample_briefing().open(encoding="utf-8") as f:
        return _jsonable(yaml.safe_load(f))


@pytest.fixture
def sample(sample_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh deep copy of the sample for each test to break."""
    return copy.deepcopy(sample_data)


def _errors(validator: jsonschema.protocols.Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


# -- the schema itself -------------------------------------------------------


def test_schema_is_a_valid_json_schema(schema: dict[str, Any]) -> None:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # draft-07 is what yaml-language-server fully supports
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema.get("$id")


def test_every_property_has_title_and_description(schema: dict[str, Any]) -> None:
    """Editors show `title`/`description` on hover and in completion lists."""
    missing: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if not (prop.get("title") and prop.get("description")):
                    missing.append(f"{path}/properties/{name}")
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    walk(schema, "#")
    for name, definition in schema["definitions"].items():
        if not definition.get("description"):
            missing.append(f"#/definitions/{name}")
    assert not missing, f"no title/description: {missing}"


def test_sample_first_line_points_editors_at_the_schema() -> None:
    first = sample_briefing().read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/briefing.schema.json"
    target = (sample_briefing().parent / "../schema/briefing.schema.json").resolve()
    assert target == SCHEMA_PATH.resolve()


def test_enums_agree_with_the_model(schema: dict[str, Any]) -> None:
    defs = schema["definitions"]
    assert tuple(defs["actor"]["properties"]["kind"]["enum"]) == ACTOR_KINDS
    assert tuple(defs["confidence"]["enum"]) == CONFIDENCE_LEVELS
    # an optional field left empty (null) counts as absent
    assert tuple(defs["source"]["properties"]["reliability"]["enum"]) == (*RELIABILITY_CODES, None)
    assert tuple(defs["keyPointKind"]["enum"]) == KEY_POINT_KINDS
    assert defs["keyPointKind"]["default"] == KEY_POINT_KINDS[0]
    assert tuple(defs["likelihood"]["enum"]) == tuple(LIKELIHOOD_TERMS)
    for term in LIKELIHOOD_TERMS.values():  # the bands the description names are the model's
        assert f"{term.low}–{term.high} %" in defs["likelihood"]["description"]


def test_every_object_allows_extension_keys(schema: dict[str, Any]) -> None:
    """`x-` keys are allowed in every mapping (FORMAT.md §1), so every closed object names the pattern."""
    closed: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if node.get("additionalProperties") is False:
                closed.append(path)
                assert "^x-" in node.get("patternProperties", {}), path
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    walk(schema, "#")
    assert len(closed) == 9, closed  # the briefing, summary, key point, source, actor, relation, event, quote, evidence


def test_top_level_keys_agree_with_the_contract(schema: dict[str, Any]) -> None:
    """The key table of FORMAT.md §1: same keys, same required ones."""
    format_md = SHARED / "FORMAT.md"
    if not format_md.is_file():
        pytest.skip(f"shared contract not found at {format_md} (clone without ../shared)")
    text = format_md.read_text(encoding="utf-8")
    section = text.split("## 1.", 1)[1].split("\n## ", 1)[0]
    keys: dict[str, bool] = {}
    for row in re.finditer(r"^\| (`[^|]+`) \| (yes|no)\b", section, re.MULTILINE):
        for key in re.findall(r"`([a-z_]+)`", row.group(1)):
            keys[key] = row.group(2) == "yes"
    assert len(keys) >= 14, keys
    assert set(schema["properties"]) == set(keys)
    assert set(schema["required"]) == {k for k, req in keys.items() if req}


# -- the sample ----------------------------------------------------------------


def test_sample_validates(validator: jsonschema.protocols.Validator, sample: dict[str, Any]) -> None:
    assert _errors(validator, sample) == []


# -- rejected and accepted variants -------------------------------------------


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def _delete(data: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    del node[last]


REJECTED = {
    "unknown top-level key (typo)": ("titel", "A title"),
    "format of a newer major": ("format", "briefing/2"),
    "format misspelt": ("format", "Briefing/1"),
    "briefing id with a capital": ("id", "Japan-nato"),
    "briefing id with a space": ("id", "japan nato"),
    "briefing id starting with a hyphen": ("id", "-japan"),
    "actor id with underscore": ("actors.0.id", "yoshimasa_hayashi"),
    "actor kind not in the list": ("actors.0.kind", "country"),
    "confidence not in the list": ("summary.key_points.0.confidence", "medium"),
    "reliability not a code letter": ("sources.0.reliability", "G"),
    "as_of only to the month": ("as_of", "2023-04"),
    "as_of written in words": ("as_of", "30 April 2023"),
    "event date with a one-digit month": ("timeline.1.date", "2023-3"),
    "event date month 13": ("timeline.1.date", "2023-13"),
    "event date in words": ("timeline.1.date", "March 2023"),
    "quote said_on with a time": ("quotes.0.said_on", "2023-03-21T10:00"),
    "approximate not a boolean": ("timeline.0.approximate", "sometimes"),
    "unknown key in an actor": ("actors.0.affilation", "japan"),
    "unknown key in a source": ("sources.0.autor", "someone"),
    "evidence object with an unknown key": ("actors.0.evidence.0.page", 3),
    "evidence source not a slug": ("actors.0.evidence.0.source", "Source One"),
    "no sources": ("sources", []),
    "empty BLUF": ("summary.bluf", ""),
    "blank title": ("title", "   "),
    "text with a control character": ("actors.0.description", "bell \x07 here"),
    "url that is not a web address": ("sources.0.url", "ftp://example.org/a"),
    "language not a BCP 47 tag": ("language", "English (UK)"),
    "required field left empty": ("title", None),
    "aliases not a list": ("actors.0.aliases", "Hayashi"),
    "key point kind not in the list": ("summary.key_points.0.kind", "opinion"),
    "likelihood not an ICD 203 term": ("summary.key_points.0.likelihood", "probably"),
    "product not text": ("product", ["a", "b"]),
    "extension-like key without the dash": ("actors.0.xnote", "hi"),
}


@pytest.mark.parametrize("path,value", REJECTED.values(), ids=REJECTED.keys())
def test_rejected_variants(
    validator: jsonschema.protocols.Validator, sample: dict[str, Any], path: str, value: Any
) -> None:
    _set(sample, path, value)
    assert _errors(validator, sample), f"schema accepted {path} = {value!r}"


MISSING = [
    "format",
    "id",
    "title",
    "as_of",
    "sources",
    "summary",
    "summary.bluf",
    "sources.0.text",
    "actors.0.kind",
    "relations.0.to",
    "timeline.0.date",
    "quotes.0.speaker",
    "summary.key_points.0.text",
]


@pytest.mark.parametrize("path", MISSING)
def test_missing_required_field_is_rejected(
    validator: jsonschema.protocols.Validator, sample: dict[str, Any], path: str
) -> None:
    _delete(sample, path)
    errors = _errors(validator, sample)
    assert any("is a required property" in e for e in errors), errors


ACCEPTED = {
    "x- extension key": ("x-review", {"by": "desk lead", "status": "draft"}),
    "optional field left empty": ("subtitle", None),
    "optional list left empty": ("actors.0.aliases", None),
    "classification with a caveat": ("classification", "UNCLASSIFIED // OSINT"),
    "language with a region": ("language", "en-GB"),
    "event date to the year only": ("timeline.1.date", "2023"),
    "event date to the day": ("timeline.1.date", "2023-03-21"),
    "bare year written without quotes": ("timeline.1.date", 2023),
    "all-digit id written without quotes": ("summary.key_points.0.id", 2023),
    "event range": ("timeline.1.end", "2023-04"),
    "quote dated to the month": ("quotes.0.said_on", "2023-03"),
    "evidence as a bare string": ("actors.0.evidence", ["The Foreign Minister of Japan"]),
    "product line": ("product", "Situation report"),
    "x- key in an actor": ("actors.0.x-iso", "JP"),
    "x- key in an event": ("timeline.0.x-source-note", {"checked": True}),
    "x- key in a key point": ("summary.key_points.0.x-draft", True),
    "x- key in the summary": ("summary.x-review", "desk lead"),
    "x- key in a source": ("sources.0.x-fetched-by", "crawler"),
    "x- key in a relation": ("relations.0.x-since", 2020),
    "x- key in a quote": ("quotes.0.x-lang", "en"),
    "x- key in an evidence item": ("actors.0.evidence.0.x-page", 3),
    "assumption": ("summary.key_points.5.kind", "assumption"),
    "likelihood, first vocabulary": ("summary.key_points.4.likelihood", "very likely"),
    "likelihood, second vocabulary": ("summary.key_points.4.likelihood", "roughly even odds"),
    "range ending in the month a day-precision start falls in": ("timeline.1.end", "2023-03"),
}


@pytest.mark.parametrize("path,value", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_variants(
    validator: jsonschema.protocols.Validator, sample: dict[str, Any], path: str, value: Any
) -> None:
    _set(sample, path, value)
    assert _errors(validator, sample) == []


def test_source_with_every_optional_field_is_accepted(
    validator: jsonschema.protocols.Validator, sample: dict[str, Any]
) -> None:
    sample["sources"][0].update(
        publisher="An outlet",
        url="https://example.org/article",
        published="2023-05",
        retrieved="2024-01-02",
        reliability="F",
    )
    assert _errors(validator, sample) == []
    assert _validator_accepts(sample) == (True, [])


def test_minimal_briefing_is_accepted(validator: jsonschema.protocols.Validator) -> None:
    minimal = yaml.safe_load(
        "format: briefing/1\nid: minimal\ntitle: Minimal\nas_of: 2024-01-31\n"
        "sources:\n  - id: s\n    title: S\n    text: Some text.\nsummary:\n  bluf: Nothing yet.\n"
    )
    assert _errors(validator, _jsonable(minimal)) == []


def test_every_problem_is_reported_not_just_the_first(
    validator: jsonschema.protocols.Validator, sample: dict[str, Any]
) -> None:
    sample["titel"] = "typo"
    sample["actors"][0]["kind"] = "country"
    sample["timeline"][0]["date"] = "2023-3"
    paths = {e.split(":")[0] for e in _errors(validator, sample)}
    assert {"", "actors/0/kind", "timeline/0/date"} <= paths


# -- agreement with `briefing-app validate` ------------------------------------


def _validator_accepts(data: dict[str, Any]) -> tuple[bool, list[str]]:
    """Run the real loader/validator on the variant written back as YAML."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    try:
        parse_briefing_bytes(text.encode("utf-8"), "variant.yaml")
    except BriefingError as exc:
        return False, [str(p) for p in exc.problems]
    return True, []


@pytest.mark.parametrize("path,value", REJECTED.values(), ids=REJECTED.keys())
def test_validator_also_rejects(sample: dict[str, Any], path: str, value: Any) -> None:
    _set(sample, path, value)
    accepted, _ = _validator_accepts(sample)
    assert not accepted, f"schema rejects {path} = {value!r} but briefing-app validate accepts it"


@pytest.mark.parametrize("path,value", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_validator_also_accepts(sample: dict[str, Any], path: str, value: Any) -> None:
    _set(sample, path, value)
    assert _validator_accepts(sample) == (True, [])


@pytest.mark.parametrize("path", MISSING)
def test_validator_also_requires(sample: dict[str, Any], path: str) -> None:
    _delete(sample, path)
    accepted, problems = _validator_accepts(sample)
    assert not accepted
    assert any("missing required field" in p for p in problems), problems


def test_validator_accepts_the_sample_round_trip(sample: dict[str, Any]) -> None:
    """The sample, re-serialised, is still valid: the variants start from a valid base."""
    assert _validator_accepts(sample) == (True, [])


def test_a_fact_with_a_likelihood_is_rejected_by_both(
    validator: jsonschema.protocols.Validator, sample: dict[str, Any]
) -> None:
    kp = sample["summary"]["key_points"][0]
    kp["kind"] = "fact"
    kp["likelihood"] = "likely"
    assert _errors(validator, sample)
    accepted, problems = _validator_accepts(sample)
    assert not accepted and any(".likelihood: expected no likelihood on a fact" in p for p in problems), problems
    del kp["likelihood"]
    assert _errors(validator, sample) == []
    assert _validator_accepts(sample) == (True, [])
