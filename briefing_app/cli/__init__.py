"""`briefing-app`: the command line of contract §3, one module per command.

`main` reads the first word: a command (`validate`, `export`, `annotations`,
`check`, `desktop`) goes to its module with plain typed arguments; anything
else is `briefing-app [FILE]`, which opens the app (`open_app`) — unless the
word is neither a command nor an existing file, which is a usage error with a
did-you-mean, decided without importing Qt. Grammar and help live in
`parser`, exit codes and `CommandError` in `errors`. Modules here may import
core, export and gui (the GUI only when a window is opened); nothing imports
the CLI. Every failure is one plain sentence on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing_app.cli.errors import EXIT_INVALID, EXIT_USAGE, CommandError, say
from briefing_app.cli.parser import COMMANDS, app_parser, command_parser, not_a_command_or_file

__all__ = ["main", "entry", "CommandError"]


def _run_command(ns: argparse.Namespace) -> int:
    """Call the command's module with plain arguments (modules are imported only when used)."""
    if ns.command == "validate":
        from briefing_app.cli.validate import validate_command

        return validate_command(ns.files)
    if ns.command == "export":
        from briefing_app.cli.export import export_command

        return export_command(ns.file, ns.output, annotations=ns.annotations, no_annotations=ns.no_annotations,
                              page_size=ns.page_size, sections=ns.sections, labels=ns.labels, tags=ns.tags)
    if ns.command == "annotations":
        from briefing_app.cli import annotation_commands

        if ns.action is None:
            raise CommandError("say what to do with annotations: 'export' or 'merge'", EXIT_USAGE)
        if ns.action == "export":
            return annotation_commands.export_command(ns.file, ns.format, ns.output, ns.briefing)
        return annotation_commands.merge_command(ns.files, ns.output, ns.briefing)
    if ns.command == "check":
        from briefing_app.cli.check import check_command

        return check_command(ns.files, ns.strict)
    if ns.command == "desktop":
        from briefing_app.cli.desktop import desktop_command

        return desktop_command(ns.action)
    raise CommandError(f"unknown command {ns.command!r}", EXIT_USAGE)  # pragma: no cover (argparse refuses it)


def _open_app(args: list[str]) -> int:
    if args and not args[0].startswith("-") and not Path(args[0]).is_file():
        raise not_a_command_or_file(args[0])  # before the options after it are read: `exprot X -o Y`
    ns = app_parser().parse_args(args)
    files: list[str] = ns.files
    if files:
        first = files[0]
        if first in COMMANDS:
            raise CommandError(f"the command {first!r} must come first, before any option", EXIT_USAGE)
        if not Path(first).is_file():
            raise not_a_command_or_file(first)
        if len(files) > 1:
            raise CommandError("open one briefing at a time", EXIT_USAGE)
    from briefing_app.cli.open_app import open_command

    return open_command(files[0] if files else None, goto=ns.goto, search=ns.search, appearance=ns.appearance)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return _run_command(command_parser().parse_args(args))
        return _open_app(args)
    except CommandError as exc:
        say(str(exc))
        return exc.code
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except OSError as exc:
        # A file we were told to read or write could not be: say which and why.
        where = f" {exc.filename}" if exc.filename else ""
        say(f"cannot use{where}: {exc.strerror or exc}")
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
