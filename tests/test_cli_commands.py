"""The command line never surprises (issue 11, defect 4): did-you-mean, no display, --version, help.

Run as a user runs it, in a subprocess, with and without a display in the
environment: a typo never opens a window or imports Qt, and where no window
can be opened the app says so in one sentence instead of Qt's abort (134).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import briefing_app
from briefing_app.cli import main

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"

#: Prints which Qt modules a run imported, after `main` returns (argv from the command line).
PROBE = ("import sys; from briefing_app.cli import main; rc = main(sys.argv[1:]); "
         "print(sorted(m for m in sys.modules if m.startswith('PySide6'))); sys.exit(rc)")


def _env(display: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if display:
        env["DISPLAY"] = ":0"
    return env


def run(*args: str, display: bool = False, probe: bool = False, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", PROBE] if probe else [sys.executable, "-m", "briefing_app.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=60,
                          env=env if env is not None else _env(display), cwd=cwd)


@pytest.mark.parametrize("display", [False, True], ids=["no-display", "display"])
@pytest.mark.parametrize("args", [["valdate"], ["valdiate", str(SAMPLE)], ["exprot", "x.yaml", "-o", "x.pdf"]])
def test_a_typo_is_a_did_you_mean_without_a_window(args, display):
    res = run(*args, display=display, probe=True)
    assert res.returncode == 2
    wanted = {"valdate": "validate", "valdiate": "validate", "exprot": "export"}[args[0]]
    assert res.stderr == f"briefing-app: {args[0]!r} is not a command or a file; did you mean {wanted!r}?\n"
    assert res.stdout.strip() == "[]"  # Qt was never imported


def test_a_missing_file_is_an_error_not_a_window(tmp_path):
    (tmp_path / "report.yaml").write_text("format: briefing/1\n")
    res = run("reprot.yaml", probe=True, cwd=tmp_path)
    assert (res.returncode, res.stdout.strip()) == (2, "[]")
    assert res.stderr == "briefing-app: 'reprot.yaml' is not a command or a file; did you mean 'report.yaml'?\n"
    res = run("nothing-like-it.yaml", cwd=tmp_path)  # a file name, not a command: say so
    assert (res.returncode, res.stderr) == (2, "briefing-app: no such file: 'nothing-like-it.yaml'\n")
    res = run("frobnicate", cwd=tmp_path)
    assert res.returncode == 2 and res.stderr.count("\n") == 1
    assert res.stderr.startswith("briefing-app: 'frobnicate' is not a command or a file; the commands are")
    res = run(str(tmp_path))
    assert (res.returncode, res.stderr) == (2, f"briefing-app: {str(tmp_path)!r} is a folder, not a briefing file\n")


def test_no_display_is_one_sentence_and_no_qt(tmp_path):
    res = run(str(SAMPLE), probe=True)
    assert res.returncode == 1
    assert res.stderr.startswith("briefing-app: cannot open a window: no display") and res.stderr.count("\n") == 1
    assert res.stdout.strip() == "[]"
    res = run(probe=True)  # no file: the last one or the sample, but still no window to show it in
    assert res.returncode == 1 and "no display" in res.stderr


def test_a_display_nobody_answers_is_one_sentence_not_an_abort(tmp_path):
    env = _env(display=False) | {"DISPLAY": ":97", "XDG_CONFIG_HOME": str(tmp_path)}
    res = run(str(SAMPLE), env=env)
    assert res.returncode == 1, res.stderr  # not 134 (SIGABRT)
    assert res.stderr == "briefing-app: cannot open a window: could not connect to display :97\n"


def test_xcb_asked_for_without_a_display():
    res = run(str(SAMPLE), env=_env(display=False) | {"QT_QPA_PLATFORM": "xcb"}, probe=True)
    assert res.returncode == 1 and res.stdout.strip() == "[]"
    assert res.stderr.startswith("briefing-app: cannot open a window: no display (QT_QPA_PLATFORM=xcb needs a display")


def test_version():
    res = run("--version")
    assert (res.returncode, res.stdout, res.stderr) == (0, f"briefing-app {briefing_app.__version__}\n", "")


def test_help_says_that_a_file_opens_the_app_and_lists_every_command():
    res = run("--help")
    assert res.returncode == 0
    text = " ".join(res.stdout.split())
    assert "'briefing-app FILE' opens the app" in text
    for word in ("validate", "export", "annotations", "check", "desktop", "--goto", "--search", "--appearance",
                 "--version"):
        assert word in text


HELP_OF = [[], ["validate"], ["export"], ["annotations"], ["annotations", "export"], ["annotations", "merge"],
           ["check"], ["desktop"]]


def _undocumented(help_text: str) -> list[str]:
    """Entries of the help's argument sections that have no description."""
    missing, entry, described = [], None, True
    section = False
    for line in help_text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            section = line in ("options:", "positional arguments:", "optional arguments:")
            continue
        if not section or not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 2:  # a new entry: "  -o, --output OUT.pdf   text" or the text on the next line
            if entry is not None and not described:
                missing.append(entry)
            head, _, text = line.strip().partition("  ")
            entry, described = head, bool(text.strip())
        elif indent > 2:
            described = True
    if entry is not None and not described:
        missing.append(entry)
    return missing


@pytest.mark.parametrize("words", HELP_OF, ids=lambda w: " ".join(w) or "app")
def test_every_option_has_help_text(words, capsys):
    with pytest.raises(SystemExit) as info:
        main([*words, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "-h, --help" in text
    assert _undocumented(text) == []


def test_the_help_checker_finds_an_undocumented_option():
    assert _undocumented("options:\n  -h, --help  show this\n  -o OUT\n  --page-size {a4,letter}\n") == [
        "-o OUT", "--page-size {a4,letter}"]
    assert _undocumented("options:\n  --appearance {system,light,dark}\n                        text\n") == []


def test_usage_errors_are_one_sentence(capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", str(SAMPLE)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err == ("briefing-app: export: the following arguments are required: -o/--output; "
                   "see 'briefing-app export --help'\n")


@pytest.fixture
def launched(monkeypatch):
    """`run_gui` replaced by a recorder (the display check and Qt's message handler stay out of the test)."""
    import briefing_app.cli.open_app as open_app
    import briefing_app.gui.app as gui_app

    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(gui_app, "run_gui", lambda *a, **k: calls.append((a, k)) or 0)
    monkeypatch.setattr(open_app, "catch_platform_failure", lambda: (lambda: None))
    monkeypatch.setattr(open_app, "display_problem", lambda: None)
    return calls


def test_gui_options_reach_run_gui(launched):
    assert main([str(SAMPLE), "--goto", "actors/japan", "--search", "liaison office", "--appearance", "dark"]) == 0
    assert launched == [((SAMPLE,), {"goto": "actors/japan", "search": "liaison office", "appearance": "dark"})]
    launched.clear()
    assert main([]) == 0
    assert launched == [((None,), {})]
    launched.clear()
    assert main(["--", str(SAMPLE)]) == 0
    assert launched == [((SAMPLE,), {})]


def test_gui_usage_errors(launched, capsys):
    assert main([str(SAMPLE), str(SAMPLE)]) == 2
    assert capsys.readouterr().err == "briefing-app: open one briefing at a time\n"
    with pytest.raises(SystemExit):
        main([str(SAMPLE), "--appearance", "purple"])
    assert "invalid choice: 'purple'" in capsys.readouterr().err
    assert main(["--appearance", "dark", "validate", str(SAMPLE)]) == 2
    assert "must come first" in capsys.readouterr().err
    assert launched == []


def test_check_is_dispatched(monkeypatch):
    check = pytest.importorskip("briefing_app.cli.check", reason="the check command is another task's module")
    calls = []
    monkeypatch.setattr(check, "check_command", lambda files, strict: calls.append((list(files), strict)) or 0)
    assert main(["check", str(SAMPLE), "--strict"]) == 0
    assert calls == [([str(SAMPLE)], True)]
