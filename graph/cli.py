"""``python -m graph``: check, evaluate and explain debate files.

Exit codes: 0 success; 1 an invalid or unreadable debate file (every error
printed as ``FILE:LINE: message`` on stderr); 2 a usage error (bad options,
an id that cannot be chosen or explained).  Never a traceback: anything
unexpected is reported in one line with exit code 3.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from graph.choices import ChoiceError, resolve_choices
from graph.load import check_debate
from graph.model import Debate
from graph.status import Choice

__all__ = ["main", "build_parser"]

PROG = "python -m graph"


class _UsageError(Exception):
    """Exit 2 with this message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        # argparse's own behaviour (usage + message, exit 2), kept explicit.
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


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


def _ids(values: Sequence[str]) -> list[str]:
    """Flatten repeated, comma-separated flag values; blanks are skipped."""
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _load(path: str) -> Debate | None:
    debate, errors = check_debate(path)
    for e in errors:
        print(e, file=sys.stderr)
    return debate


def _choices(debate: Debate, args: argparse.Namespace) -> dict[str, Choice]:
    try:
        return resolve_choices(debate, on=_ids(args.on), off=_ids(args.off), unsure=_ids(args.unsure))
    except ChoiceError as e:
        raise _UsageError(str(e)) from None


def _cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        debate = _load(path)
        if debate is None:
            status = 1
            continue
        print(
            f"{path}: ok ({len(debate.statements)} statements, "
            f"{len(debate.arguments)} arguments, {len(debate.attacks)} attacks)"
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
        print(json.dumps({"statements": statements, "arguments": arguments}, ensure_ascii=False))
        return 0
    width = max((len(i) for i in [*statements, *arguments]), default=0)
    print("statements:")
    for s in debate.statements:
        print(f"  {s.id:<{width}}  {labels[s.id]:<9}  ({s.kind})")
    print("arguments:")
    for a in debate.arguments:
        print(f"  {a.id:<{width}}  {labels[a.id]:<9}  (for {a.conclusion})")
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from graph.explain import explain, format_explanation

    debate = _load(args.file)
    if debate is None:
        return 1
    if args.id not in debate.statement_by_id and args.id not in debate.argument_by_id:
        raise _UsageError(f"'{args.id}' names no statement or argument in {args.file}")
    choices = _choices(debate, args)
    print(format_explanation(explain(debate, choices, args.id)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    args = build_parser().parse_args(argv)
    command = {"check": _cmd_check, "evaluate": _cmd_evaluate, "explain": _cmd_explain}[args.command]
    try:
        return command(args)
    except _UsageError as e:
        print(f"{PROG} {args.command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # never a traceback; say what happened in one line
        print(f"{PROG} {args.command}: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 3
