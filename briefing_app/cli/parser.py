"""The command line's grammar (contract §3): one parser for the app, one for the commands.

`briefing-app [FILE] [--goto …]` opens the app and `briefing-app COMMAND …`
runs a command, so a first word decides which parser reads the rest. Every
option has help text; a usage error is one sentence on stderr and exit 2,
never argparse's two-line usage dump. Only `argparse` and `difflib` are
imported here: no Qt, no ReportLab.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import Any, NoReturn

from briefing_app import __version__
from briefing_app.cli.errors import EXIT_USAGE, CommandError, say
from briefing_app.export import SECTIONS

__all__ = ["COMMANDS", "BRIEF_SECTIONS", "APPEARANCES", "app_parser", "command_parser", "not_a_command_or_file",
           "version_line"]

#: The commands of contract §3, in the order `--help` lists them, with their one-line help.
COMMANDS: dict[str, str] = {
    "validate": "check briefing files; silent and exit 0 if all are valid, else one line per problem",
    "export": "write the PDF brief of a briefing",
    "annotations": "export annotation layers (W3C, Markdown) or merge them",
    "check": "validation plus tradecraft checks (ICD 203/206), one line per finding",
    "desktop": "register (or remove) the app with the desktop for this user",
}
#: The brief's sections in print order (contract §3, `export --sections`).
#: The brief's section names (FORMAT.md §3), defined once by the export package (which imports no ReportLab).
BRIEF_SECTIONS = SECTIONS
APPEARANCES = ("system", "light", "dark")


def version_line() -> str:
    return f"briefing-app {__version__}"


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as one sentence: `briefing-app: export: … (see --help)`."""

    def error(self, message: str) -> NoReturn:
        name = self.prog.removeprefix("briefing-app").strip()
        where = f"{name}: " if name else ""
        say(f"{where}{message}; see '{self.prog} --help'")
        raise SystemExit(EXIT_USAGE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The parsers of this parser's commands, by name (`annotations` has its own: export, merge).
        self.commands: dict[str, argparse.ArgumentParser] = {}

    def parse_args(self, args: Any = None, namespace: Any = None) -> argparse.Namespace:  # type: ignore[override]
        """As argparse, but an unknown option is reported by the command it was given to
        (`validate FILE --strict` points to `validate --help`, not to the top-level help)."""
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            target: argparse.ArgumentParser = self
            for dest in ("command", "action"):
                sub = getattr(target, "commands", {}).get(getattr(ns, dest, None) or "")
                if sub is None:
                    break
                target = sub
            target.error(f"unrecognized arguments: {' '.join(extras)}")
        return ns


def _comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def not_a_command_or_file(word: str) -> CommandError:
    """The error for a first word that is neither a command nor an existing file, with a did-you-mean."""
    if Path(word).is_dir():
        return CommandError(f"{word!r} is a folder, not a briefing file", EXIT_USAGE)
    looks_like_a_path = "/" in word or word.lower().endswith((".yaml", ".yml")) or word.startswith(".")
    close = [] if looks_like_a_path else difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.6)
    if not close:
        # A mistyped file name: the nearest file of that folder.
        folder = Path(word).parent
        try:
            names = [p.name for p in folder.iterdir() if p.is_file()] if str(folder) else []
        except OSError:
            names = []
        near = difflib.get_close_matches(Path(word).name, names, n=1, cutoff=0.75)
        close = [str(folder / near[0]) if str(folder) != "." else near[0]] if near else []
    if close:
        return CommandError(f"{word!r} is not a command or a file; did you mean {close[0]!r}?", EXIT_USAGE)
    if looks_like_a_path:
        return CommandError(f"no such file: {word!r}", EXIT_USAGE)
    return CommandError(f"{word!r} is not a command or a file; the commands are {', '.join(COMMANDS)}",
                        EXIT_USAGE)


def app_parser() -> argparse.ArgumentParser:
    """`briefing-app [FILE] [--goto ADDRESS] [--search TEXT] [--appearance …]`, and `--help` for everything."""
    commands = "\n".join(f"  {name:<12}{text}" for name, text in COMMANDS.items())
    p = _Parser(
        prog="briefing-app",
        usage="briefing-app [FILE] [--goto ADDRESS] [--search TEXT] [--appearance {system,light,dark}]\n"
              "       briefing-app COMMAND ...   (briefing-app COMMAND --help for each)",
        description="Briefing Reader: read, check, annotate and brief from structured briefings.\n\n"
                    "'briefing-app FILE' opens the app on the briefing FILE; with no FILE it opens the\n"
                    "last briefing you had open, or the bundled sample.",
        epilog=f"commands:\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="the briefing to open in the app")
    p.add_argument("--goto", metavar="ADDRESS",
                   help="open at a section (actors) or an element's address (actors/japan)")
    p.add_argument("--search", metavar="TEXT", help="run this search once the briefing is shown")
    p.add_argument("--appearance", choices=APPEARANCES,
                   help="light or dark colours for this run, or the system's (default: the app's setting)")
    p.add_argument("--version", action="version", version=version_line(),
                   help="print 'briefing-app <version>' and exit")
    return p


def command_parser() -> argparse.ArgumentParser:
    """`briefing-app COMMAND …`: the subcommands of contract §3."""
    p = _Parser(prog="briefing-app", description="Briefing Reader's commands.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = sub.add_parser("validate", help=COMMANDS["validate"], description=COMMANDS["validate"] + ".")
    v.add_argument("files", nargs="+", metavar="FILE", help="briefing files to validate")

    e = sub.add_parser("export", help=COMMANDS["export"], description=COMMANDS["export"] + ".")
    e.add_argument("file", metavar="FILE", help="the briefing")
    e.add_argument("-o", "--output", required=True, metavar="OUT.pdf",
                   help="the PDF to write (replaced only once the brief is complete)")
    e.add_argument("--annotations", action="append", default=[], metavar="A.annotations.yaml",
                   help="annotation layer to include (repeatable); without it, FILE's own "
                        "<stem>.annotations.yaml beside it is included if present, and stderr says so")
    e.add_argument("--no-annotations", action="store_true",
                   help="leave all annotations out of the brief (including the layer beside FILE)")
    e.add_argument("--page-size", choices=("a4", "letter"), default="a4", type=str.lower,
                   help="paper size (default: a4)")
    e.add_argument("--sections", type=_comma_list, metavar="LIST",
                   help="comma-separated sections to print, in print order, from "
                        f"{', '.join(BRIEF_SECTIONS)} (default: all)")
    e.add_argument("--labels", action="append", default=[], metavar="LABEL",
                   help="only annotations whose colour has this label (repeatable)")
    e.add_argument("--tags", action="append", default=[], metavar="TAG",
                   help="only annotations with this tag (repeatable)")

    a = sub.add_parser("annotations", help=COMMANDS["annotations"], description=COMMANDS["annotations"] + ".")
    asub = a.add_subparsers(dest="action", metavar="ACTION")
    ax = asub.add_parser("export", help="W3C Web Annotation JSON-LD or Markdown",
                         description="Export an annotation layer as W3C Web Annotation JSON-LD or Markdown.")
    ax.add_argument("file", metavar="A.annotations.yaml", help="the annotation layer")
    ax.add_argument("--format", required=True, choices=("w3c", "markdown"), help="the output format")
    ax.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    ax.add_argument("--briefing", metavar="FILE", help="the briefing (default: found beside the layer)")
    am = asub.add_parser("merge", help="merge layers; the same id twice keeps the newer 'modified'",
                         description="Merge annotation layers of one briefing. The same id twice keeps the "
                                     "newer 'modified'; the output is byte-identical whatever the order of "
                                     "the inputs. A one-line summary goes to stderr, then a line naming "
                                     "each conflict (a tie on 'modified') and the version kept.")
    am.add_argument("files", nargs="+", metavar="A", help="annotation layers to merge")
    am.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="the merged layer to write; when OUT is one of the inputs, its author is kept")
    am.add_argument("--briefing", metavar="FILE",
                    help="the briefing, to list orphaned annotations (default: found beside the first layer)")

    c = sub.add_parser("check", help=COMMANDS["check"], description=COMMANDS["check"] + ".")
    c.add_argument("files", nargs="+", metavar="FILE", help="briefing files to check")
    c.add_argument("--strict", action="store_true", help="exit 1 on any warning too, not only on errors")

    d = sub.add_parser("desktop", help=COMMANDS["desktop"], description=COMMANDS["desktop"] + ": a Desktop "
                       "Entry, a MIME type for briefing files and the icon, under $XDG_DATA_HOME "
                       "(default ~/.local/share).")
    d.add_argument("action", choices=("install", "uninstall"), help="register or remove the app")
    p.commands = {"validate": v, "export": e, "annotations": a, "check": c, "desktop": d}
    if isinstance(a, _Parser):
        a.commands = {"export": ax, "merge": am}
    return p

