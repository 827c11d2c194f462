"""The README's two set-up commands exist, and .ci/run runs the test one word for word."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_readme_has_exactly_two_setup_commands():
    cmds = commands()
    assert len(cmds) == 2
    assert "briefing-app resources/briefings/japan-nato-liaison-office.yaml" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands()[1] in [line.strip() for line in ci]


def test_sample_named_in_readme_exists():
    assert (REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml").is_file()


def test_the_readme_lists_the_tradecraft_rules_from_their_one_table():
    from briefing_app.core.tradecraft.rules import rules_markdown

    text = (REPO / "README.md").read_text(encoding="utf-8")
    listed = text.split("<!-- rules:begin -->\n", 1)[1].split("\n<!-- rules:end -->", 1)[0]
    assert listed == rules_markdown().rstrip()
