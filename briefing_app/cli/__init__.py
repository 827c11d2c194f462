"""`briefing-app`: the command line of contract §3.

Each subcommand imports only what it needs, so `validate` never pulls in Qt
or ReportLab and starts fast. Every failure is one plain sentence on stderr
and a non-zero exit; no traceback reaches the user.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_SUBCOMMANDS = ("validate", "export", "annotations")


class CommandError(Exception):
    """A failure to report as one sentence on stderr (exit code attached)."""

    def __init__(self, message: str, code: int = EXIT_INVALID):
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    import argparse  # not on the GUI's start-up path

    p = argparse.ArgumentParser(
        prog="briefing-app",
        description="Briefing Reader: read, check, annotate and brief from structured briefings.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser("validate", help="check briefing files; exit 1 and list every problem if any")
    v.add_argument("files", nargs="+", metavar="FILE")

    e = sub.add_parser("export", help="write the PDF brief")
    e.add_argument("file", metavar="FILE")
    e.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    e.add_argument("--annotations", action="append", default=[], metavar="A.annotations.yaml",
                   help="annotation layer to include (repeatable); without it, FILE's own "
                        "<stem>.annotations.yaml beside it is included if present, and stderr says so")
    e.add_argument("--no-annotations", action="store_true",
                   help="leave all annotations out of the brief (including the layer beside FILE)")
    e.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    e.add_argument("--labels", action="append", default=[], metavar="LABEL",
                   help="only annotations whose colour has this label (repeatable)")
    e.add_argument("--tags", action="append", default=[], metavar="TAG",
                   help="only annotations with this tag (repeatable)")

    a = sub.add_parser("annotations", help="export or merge annotation layers")
    asub = a.add_subparsers(dest="annotations_command", metavar="ACTION")
    ax = asub.add_parser("export", help="W3C Web Annotation JSON-LD or Markdown")
    ax.add_argument("file", metavar="A.annotations.yaml")
    ax.add_argument("--format", required=True, choices=("w3c", "markdown"))
    ax.add_argument("-o", "--output", required=True, metavar="OUT")
    ax.add_argument("--briefing", metavar="FILE", help="the briefing (default: found beside the layer)")
    am = asub.add_parser("merge", help="merge layers; the same id twice keeps the newer `modified`")
    am.add_argument("files", nargs="+", metavar="A")
    am.add_argument("-o", "--output", required=True, metavar="OUT")
    return p


def cmd_validate(files: Sequence[str]) -> int:
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.core.problems import BriefingError

    status = EXIT_OK
    for name in files:
        try:
            load_briefing(Path(name), display_name=name)
        except BriefingError as exc:
            status = EXIT_INVALID
            for problem in exc.problems:
                print(problem, file=sys.stderr)
    return status


def _dispatch(ns: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if ns.command == "validate":
        return cmd_validate(ns.files)
    if ns.command == "export":
        from briefing_app.cli.export import export_command

        return export_command(ns)
    if ns.command == "annotations":
        if ns.annotations_command is None:
            raise CommandError("say what to do with annotations: 'export' or 'merge'", EXIT_USAGE)
        from briefing_app.cli import annotation_commands

        if ns.annotations_command == "export":
            return annotation_commands.export_command(ns)
        return annotation_commands.merge_command(ns)
    raise CommandError(f"unknown command {ns.command!r}", EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # `briefing-app [FILE]` opens the app; anything else is a subcommand.
    if not args or (args[0] not in _SUBCOMMANDS and not args[0].startswith("-")) or args[0] == "--":
        files = [a for a in args if a != "--"]
        if len(files) > 1:
            print("briefing-app: open one briefing at a time", file=sys.stderr)
            return EXIT_USAGE
        from briefing_app.gui.app import run_gui

        return run_gui(Path(files[0]) if files else None)
    parser = _parser()
    ns = parser.parse_args(args)
    if ns.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return _dispatch(ns, parser)
    except CommandError as exc:
        print(f"briefing-app: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("briefing-app: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        # A file we were told to read or write could not be: say which and why.
        where = f" {exc.filename}" if exc.filename else ""
        print(f"briefing-app: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID


def entry() -> None:
    """Console-script entry point.

    After a command-line run, tearing down a large loaded briefing object by
    object can take longer than a tenth of the whole run; the operating system
    frees it at once. So flush and leave with `os._exit` (mypy does the same).
    The GUI returns through Qt's own shutdown first.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more can be said
        code = code or EXIT_INVALID
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
