"""`briefing-app validate`: exit codes, one located line per problem, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True,
                          timeout=120)


def test_sample_is_valid_silently(sample_path):
    result = run_cli("validate", str(sample_path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_invalid_file_lists_every_problem_as_file_line_col(tmp_path, sample_path):
    bad = tmp_path / "bad.yaml"
    text = sample_path.read_text(encoding="utf-8")
    text = text.replace("kind: person", "kind: human", 1).replace("as_of: 2023-04-30", "as_of: April 2023")
    bad.write_text(text + "colour: red\n", encoding="utf-8")
    result = run_cli("validate", str(bad))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for line in lines:
        file, ln, col, message = line.split(":", 3)
        assert file == str(bad) and int(ln) > 0 and int(col) > 0 and message.strip()
    assert "Traceback" not in result.stderr


HOSTILE = {
    "binary.yaml": b"\x00\x01\x02\xff\xfe",
    "empty.yaml": b"",
    "list.yaml": b"- a\n- b\n",
    "python-tag.yaml": b"x: !!python/object/apply:os.system ['echo hi']\n",
    "bomb.yaml": b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n".encode() for i in range(9)),
    "deep.yaml": b"[" * 10000 + b"]" * 10000,
    "newer.yaml": b"format: briefing/9\n",
    "syntax.yaml": b"title: [unclosed\n",
    "utf16.yaml": "format: briefing/1\n".encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inputs_get_one_located_sentence(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:")
    assert result.stdout == ""


def test_missing_file_and_several_files(tmp_path, sample_path):
    result = run_cli("validate", str(sample_path), str(tmp_path / "absent.yaml"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{tmp_path / 'absent.yaml'}:1:1: no such file"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    assert main(["annotations"]) == 2


def test_console_script_is_declared():
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert 'briefing-app = "briefing_app.cli:entry"' in text


@pytest.mark.parametrize(("args", "help_of"), [
    (["validate", "x.yaml", "--strict"], "briefing-app validate"),
    (["check", "x.yaml", "--nope"], "briefing-app check"),
    (["annotations", "merge", "a", "-o", "b", "--nope"], "briefing-app annotations merge"),
])
def test_an_unknown_option_points_to_its_commands_help(args, help_of, capsys):
    from briefing_app.cli import main

    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().endswith(f"; see '{help_of} --help'") and "unrecognized arguments: " in err, err
    assert len(err.splitlines()) == 1
