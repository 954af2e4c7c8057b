"""``python -m graph``: check, evaluate and explain debate files.

Exit codes: 0 success; 1 an invalid or unreadable debate file (every error
printed as ``FILE:LINE: message`` on stderr); 2 a usage error (bad options,
an id that cannot be chosen or explained).  Never a traceback: anything
unexpected is reported in one line with exit code 3.

Every line goes out through :func:`_write`, which shows control characters
as escapes (``\\x1b``, ``\\r``, ``\\n``...; graph.text.escape_controls): a text from a file or from the
command line is always exactly one line and never drives the terminal.
Choices past the first 10,000 ids are ignored with one warning.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from graph.choices import ChoiceError, Choices, quote_ids, resolve_choices, split_ids
from graph.load import check_debate
from graph.model import Debate
from graph.text import escape_controls

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["build_parser", "main"]

PROG = "python -m graph"


class _UsageError(Exception):
    """Exit 2 with this message."""


def _write(stream: SupportsWrite[str], *lines: str) -> None:
    """The one place the command line writes: each of ``lines`` made visible
    and ended with a newline."""
    stream.write("".join(escape_controls(line) + "\n" for line in lines))


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse's usage and help (our own text, several lines) go through _write too
        if message:
            _write(file or sys.stderr, *message.rstrip("\n").split("\n"))

    def error(self, message: str) -> NoReturn:
        # argparse's own behaviour (usage + message, exit 2); the message may quote argv
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {escape_controls(message)}\n")


def _add_choice_flags(p: argparse.ArgumentParser) -> None:
    for flag, what in (("--on", "accept"), ("--off", "reject"), ("--unsure", "mark unsure")):
        p.add_argument(
            flag,
            action="append",
            default=[],
            metavar="ID,...",
            help=f"givens to {what} (comma-separated; the flag may be repeated)",
        )


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m graph`` parser: ``check``, ``evaluate`` and ``explain``."""
    parser = _Parser(prog=PROG, description="Check, evaluate and explain debate files (format debate/1).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("check", help="check debate files; print every error as FILE:LINE: message")
    p.add_argument("files", nargs="+", metavar="FILE")

    p = sub.add_parser("evaluate", help="label every statement and argument in, out or undecided")
    p.add_argument("file", metavar="FILE")
    _add_choice_flags(p)
    p.add_argument("--json", action="store_true", help='print {"statements": {id: label}, "arguments": {id: label}}')

    p = sub.add_parser("explain", help="explain why a statement or argument is in, out or undecided")
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    _add_choice_flags(p)
    return parser


def _load(path: str) -> Debate | None:
    debate, errors = check_debate(path)
    _write(sys.stderr, *(str(e) for e in errors))
    return debate


def _choices(debate: Debate, args: argparse.Namespace) -> Choices:
    """The choices the flags ask for.  Ids are counted over ``--on``, ``--off``,
    ``--unsure`` in that order; past the first 10,000 they are ignored with one
    warning.  Raises ``_UsageError`` for ids that cannot be chosen."""
    read = split_ids({"on": args.on, "off": args.off, "unsure": args.unsure})
    if read.cut:
        _write(sys.stderr, f"{PROG} {args.command}: warning: --{read.cut}: {read.cut_note()}")
    try:
        return resolve_choices(debate, **read.lists)
    except ChoiceError as e:
        raise _UsageError(str(e)) from None


def _cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        debate = _load(path)
        if debate is None:
            status = 1
            continue
        _write(
            sys.stdout,
            f"{path}: ok ({len(debate.statements)} statements, "
            f"{len(debate.arguments)} arguments, {len(debate.attacks)} attacks)",
        )
    return status


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from graph.evaluate import evaluate  # helper module; imported late so `check` never needs it

    debate = _load(args.file)
    if debate is None:
        return 1
    labels = evaluate(debate, _choices(debate, args))
    statements = {s.id: labels[s.id] for s in debate.statements}
    arguments = {a.id: labels[a.id] for a in debate.arguments}
    if args.json:
        _write(sys.stdout, json.dumps({"statements": statements, "arguments": arguments}))
        return 0
    width = max((len(i) for i in [*statements, *arguments]), default=0)
    _write(
        sys.stdout,
        "statements:",
        *(f"  {s.id:<{width}}  {labels[s.id]:<9}  ({s.kind})" for s in debate.statements),
        "arguments:",
        *(f"  {a.id:<{width}}  {labels[a.id]:<9}  (for {a.conclusion})" for a in debate.arguments),
    )
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from graph.explain import explain, format_explanation

    debate = _load(args.file)
    if debate is None:
        return 1
    if args.id not in debate.statement_by_id and args.id not in debate.argument_by_id:
        raise _UsageError(f"{quote_ids([args.id])} names no statement or argument in {args.file}")
    choices = _choices(debate, args)
    # the explanation's lines are ours (ids, kinds, fixed words), so splitting them is safe
    _write(sys.stdout, *format_explanation(explain(debate, choices, args.id)).split("\n"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (argparse exits with 2
    itself on a usage error it finds)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    command = {"check": _cmd_check, "evaluate": _cmd_evaluate, "explain": _cmd_explain}[args.command]
    try:
        return command(args)
    except _UsageError as e:
        _write(sys.stderr, f"{PROG} {args.command}: error: {e}")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # never a traceback; say what happened in one line
        _write(sys.stderr, f"{PROG} {args.command}: internal error: {type(e).__name__}: {e}")
        return 3
