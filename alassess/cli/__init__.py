"""Command-line interface: ``alassess <command>``. A thin client of :mod:`alassess.services`.

Every module of this package (except private ones, named ``_…``) has ``register(subparsers)``
adding its commands; a command's handler takes the parsed arguments and returns the exit status.
A new command group is a new module here: nothing else to edit. Heavy libraries are
imported inside handlers so that ``alassess score`` starts fast.

Exit status: 0 success, 1 a check failed (e.g. ``verify``), 2 bad input (one readable line).
A traceback never reaches the user: unexpected errors are written to the log file
(:mod:`alassess.logs`), whose path the one-line message names.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import logging
import os
import pkgutil
import re
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from alassess import __version__, catalogue, logs
from alassess.cli import core
from alassess.cli._words import error_line
from alassess.domain import messages
from alassess.domain.errors import AlAssessError

log = logging.getLogger(__name__)


def command_modules() -> list[str]:
    """The command modules of this package, ``core`` first, the rest by name."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return sorted(names, key=lambda n: n != "core")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with one line, as for any bad input
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}{_did_you_mean(message)}\n")
        raise SystemExit(2)


def _did_you_mean(message: str) -> str:
    """For argparse's "invalid choice: 'lsit' (choose from 'list', …)": the nearest choice, if one is near."""
    m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if not m:
        return ""
    choices = re.findall(r"'([^']*)'", m.group(2))
    near = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else ""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="alassess",
                     description="AlAssess 铝行业评估 — offline assessment of aluminium plants "
                                 "(circular economy, guideline, energy & carbon, dross, labels, signed reports). "
                                 "Without a command, opens the desktop application.")
    parser.add_argument("--version", action="version", version=f"alassess {__version__}")
    parser.add_argument("--lang", choices=["zh", "en"], help="language of messages (default: from the locale)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in command_modules():
        importlib.import_module(f"alassess.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logs.configure("cli")
    lang = messages.default_lang()
    explicit_lang = bool(os.environ.get("ALASSESS_LANG"))
    # --lang is accepted anywhere on the line (before or after the command)
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("--lang="):
            lang = a.split("=", 1)[1]
            explicit_lang = True
        elif a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
            explicit_lang = True
            i += 1
        else:
            rest.append(a)
        i += 1
    argv = rest
    lang = lang if lang in catalogue.LANGS else "en"
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        args.lang = lang
        args.lang_explicit = explicit_lang  # the desktop application otherwise keeps its saved choice
        if args.command is None:
            return core.open_gui(args)
        return int(args.func(args) or 0)
    except AlAssessError as exc:
        sys.stderr.write(error_line(exc.message(lang), lang))
        return 2
    except sqlite3.Error as exc:  # the database refused a write or a read: say what happened, not "internal"
        from alassess.services import faults  # deferred: start-up time (only when a database failed)

        sys.stderr.write(error_line(faults.explain(exc).message(lang), lang))
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for the user
        log.exception("internal error in alassess %s (%s)", __version__, argv[0] if argv else "gui")
        sys.stderr.write(messages.text("internal_error", lang, reason=f"{type(exc).__name__}: {exc}",
                                       log=logs.where()) + "\n")
        return 1
