"""Command-line interface: ``alassess <command>``. A thin client of :mod:`alassess.services`.

Every module of this package (except private ones, named ``_…``) has ``register(subparsers)``
adding its commands; a command's handler takes the parsed arguments and returns the exit status.
A new command group is a new module here: nothing else to edit. Heavy libraries are
imported inside handlers so that ``alassess score`` starts fast.

Exit status: 0 success, 1 a check failed (e.g. ``verify``), 2 bad input (one readable line).
A traceback never reaches the user: unexpected errors are written to a log file.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from alassess import __version__
from alassess.domain import messages
from alassess.domain.errors import AlAssessError


def command_modules() -> list[str]:
    """The command modules of this package, ``core`` first, the rest by name."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return sorted(names, key=lambda n: n != "core")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with one line, as for any bad input
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}{_did_you_mean(message)}\n")
        raise SystemExit(2)


def _did_you_mean(message: str) -> str:
    """For argparse's "invalid choice: 'lsit' (choose from 'list', …)": the nearest choice, if one is near."""
    import difflib
    import re

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


def _log_crash(exc: BaseException) -> str:
    import datetime
    import traceback
    from pathlib import Path

    try:
        import platformdirs

        folder = Path(platformdirs.user_log_dir("AlAssess", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "alassess-error.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now().isoformat()} alassess {__version__}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return str(path)
    except Exception:  # pragma: no cover - nowhere to write
        return "(no log)"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    lang = "zh" if lang == "zh" else "en"
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        args.lang = lang
        args.lang_explicit = explicit_lang  # the desktop application otherwise keeps its saved choice
        if args.command is None:
            from alassess.cli import core

            return core.open_gui(args)
        return int(args.func(args) or 0)
    except AlAssessError as exc:
        sys.stderr.write(("错误：" if lang == "zh" else "error: ") + exc.message(lang) + "\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for the user
        log = _log_crash(exc)
        sys.stderr.write(messages.text("internal_error", lang, reason=f"{type(exc).__name__}: {exc}", log=log) + "\n")
        return 1
