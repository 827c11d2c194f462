"""Whole-process time and peak memory of `briefing-app validate` and `check` on a large briefing.

Compares, on the same file, with a plain `yaml.load(f, Loader=yaml.CSafeLoader)`
(the floor a naive loader would stand on) and with bare iteration of the C
parser's events (what any YAML reader must pay). Target (issue 2): validate
takes at most 0.4x the plain load's time, with no more peak memory. Target
(issue 12): `check` (validation plus the tradecraft rules) takes less than
1.25x validate's time; the rules' own time is also measured in-process.

    python benchmarks/bench_validate.py [FILE] [--runs N]

Without FILE, a default large briefing is generated (see make_large_briefing.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(cmd: list[str]) -> tuple[float, float, int, int]:
    """(wall s, CPU s, peak RSS in KB, exit status) of one child process.

    CPU time (user + system) is reported beside wall time because it does not
    move when other work shares the machine.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def briefing_app_command() -> list[str]:
    """The installed console script itself (not a pyenv shim), else `python -m`."""
    beside = Path(sys.executable).with_name("briefing-app")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("briefing-app")
    if found and "shims" not in found:
        return [found]
    return [sys.executable, "-m", "briefing_app"]


def measure(name: str, cmd: list[str], runs: int) -> tuple[float, float, int]:
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        wall, cpu, peak, code = run(cmd)
        if code != 0:
            raise SystemExit(f"{name} failed with exit status {code}: {' '.join(cmd)}")
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"  {name:<32} wall {wall:6.3f} s  cpu {cpu:6.3f} s  (medians of {runs})   peak {max(peaks) / 1024:6.1f} MB")
    return wall, cpu, max(peaks)


def check_command_line(path: Path) -> list[str]:
    """`briefing-app check FILE` once the subcommand is wired in; until then the very function it calls."""
    cmd = briefing_app_command()
    probe = subprocess.run(cmd + ["check", "--help"], capture_output=True)
    if probe.returncode == 0:
        return cmd + ["check", str(path)]
    return [sys.executable, "-c",
            "import sys; from briefing_app.cli.check import check_command; "
            "sys.exit(check_command(sys.argv[1:], False))", str(path)]


def rules_in_process(path: Path, runs: int) -> tuple[float, float]:
    """(load and validate s, tradecraft rules s), medians, measured in one process."""
    code = (
        "import sys, time\n"
        "from briefing_app.core.briefing.loader import load_briefing\n"
        "from briefing_app.core.tradecraft import check_briefing\n"
        "t0 = time.perf_counter(); b = load_briefing(sys.argv[1]); t1 = time.perf_counter()\n"
        "check_briefing(b); t2 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1)\n"
    )
    loads, rules = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        load, rule = map(float, out.stdout.split())
        loads.append(load)
        rules.append(rule)
    return statistics.median(loads), statistics.median(rules)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ns = ap.parse_args()
    path = ns.file
    if path is None:
        path = Path(tempfile.gettempdir()) / "briefing-bench-large.yaml"
        if not path.exists():
            subprocess.run([sys.executable, str(HERE / "make_large_briefing.py"), str(path)], check=True)
    size = path.stat().st_size
    print(f"file: {path} ({size / 1e6:.1f} MB)")
    plain = [sys.executable, "-c",
             "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)", str(path)]
    events = [sys.executable, "-c",
              "import sys, yaml\nfor _ in yaml.parse(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader): pass",
              str(path)]
    ours = briefing_app_command() + ["validate", str(path)]
    w_plain, c_plain, m_plain = measure("plain yaml.load (CSafeLoader)", plain, ns.runs)
    w_events, c_events, _m = measure("C parser events only", events, ns.runs)
    w_ours, c_ours, m_ours = measure("briefing-app validate", ours, ns.runs)
    w_check, c_check, _m = measure("briefing-app check", check_command_line(path), ns.runs)
    t_load, t_rules = rules_in_process(path, ns.runs)
    print()
    print(f"wall time validate / plain load = {w_ours / w_plain:.2f}   (target <= 0.40)")
    print(f"CPU time  validate / plain load = {c_ours / c_plain:.2f}   (target <= 0.40; steady on a busy machine)")
    print(f"memory    validate / plain load = {m_ours / m_plain:.2f}   (target <= 1.00)")
    print(f"CPU time  validate / events only = {c_ours / c_events:.2f}   (what is left above the parser)")
    print(f"wall time check / validate       = {w_check / w_ours:.2f}   (target < 1.25)")
    print(f"CPU time  check / validate       = {c_check / c_ours:.2f}   (target < 1.25)")
    print(f"in-process: load+validate {t_load:.3f} s, tradecraft rules {t_rules * 1000:.1f} ms "
          f"({t_rules / t_load:.1%} of validate)")


if __name__ == "__main__":
    main()
