"""``python -m graph``: check, evaluate, explain and reason about debate files.

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
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from graph.choices import ChoiceError, Choices, quote_ids, resolve_choices, split_ids
from graph.convert import EXPORTS
from graph.load import check_debate
from graph.model import Debate
from graph.status import Status
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


# What add_subparsers returns (argparse names the class only privately).
Subparsers: TypeAlias = "argparse._SubParsersAction[_Parser]"


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m graph`` parser: ``check``, ``evaluate``, ``explain``,
    ``whatif``, ``robust``, ``diff``, ``import`` and ``export``."""
    parser = _Parser(prog=PROG, description="Check, evaluate, explain, reason about and convert debate files.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    _add_reading_commands(sub)
    _add_reasoning_commands(sub)
    _add_conversion_commands(sub)
    return parser


def _add_reading_commands(sub: Subparsers) -> None:
    p = sub.add_parser("check", help="check debate files; print every error as FILE:LINE: message")
    p.add_argument("files", nargs="+", metavar="FILE")

    p = sub.add_parser("evaluate", help="label every statement and argument in, out or undecided")
    p.add_argument("file", metavar="FILE")
    _add_choice_flags(p)
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"statements": {id: label}, "arguments": {id: label}}'
        ' (and "questions": {id: label} when there are any)',
    )

    p = sub.add_parser("explain", help="explain why a statement or argument is in, out or undecided")
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    _add_choice_flags(p)


def _add_reasoning_commands(sub: Subparsers) -> None:
    p = sub.add_parser("whatif", help="every smallest set of changes that makes ID hold (or fall)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    _add_choice_flags(p)
    p.add_argument("--to", choices=("in", "out"), help="the status wanted (default: the other one)")
    p.add_argument("--json", action="store_true", help="print the answer as one JSON object")

    p = sub.add_parser("robust", help="what holds, or falls, however the unsure givens are settled")
    p.add_argument("file", metavar="FILE")
    _add_choice_flags(p)
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"statements": {id: word}, "arguments": {id: word}}'
        ' (and "questions": {id: word} when there are any)',
    )

    p = sub.add_parser("diff", help="where two links' choices differ, and which statuses that changes")
    p.add_argument("file", metavar="FILE")
    p.add_argument("link_a", metavar="LINK_A", help='a link or its query string ("" for the file\'s start)')
    p.add_argument("link_b", metavar="LINK_B")
    p.add_argument("--json", action="store_true", help='print {"choices": {id: [a, b]}, "labels": {id: [a, b]}}')


def _add_conversion_commands(sub: Subparsers) -> None:
    p = sub.add_parser("import", help="read an Argdown or AIF file into a debate/1 file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="fmt", choices=("argdown", "aif"), help="the file's format (default: by its suffix)")
    p.add_argument("-o", dest="out", metavar="OUT.yaml", help="write here instead of to standard output")

    p = sub.add_parser("export", help="write a debate as AIF, Argdown, GraphML, JSON or YAML")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, choices=EXPORTS)
    p.add_argument("-o", dest="out", metavar="OUT", help="write here instead of to standard output")


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
    questions = {q.id: labels[q.id] for q in debate.questions}
    if args.json:
        out: dict[str, dict[str, Status]] = {"statements": statements, "arguments": arguments}
        if questions:  # the key only when the debate has critical questions
            out["questions"] = questions
        _write(sys.stdout, json.dumps(out))
        return 0
    width = max((len(i) for i in [*statements, *arguments, *questions]), default=0)
    _write(
        sys.stdout,
        "statements:",
        *(f"  {s.id:<{width}}  {labels[s.id]:<9}  ({s.kind})" for s in debate.statements),
        "arguments:",
        *(f"  {a.id:<{width}}  {labels[a.id]:<9}  (for {a.conclusion})" for a in debate.arguments),
    )
    if questions:
        _write(
            sys.stdout,
            "questions:",
            *(f"  {q.id:<{width}}  {labels[q.id]:<9}  (against {q.argument})" for q in debate.questions),
        )
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from graph.explain import explain, format_explanation

    debate = _load(args.file)
    if debate is None:
        return 1
    node_id = _node_id(debate, args.id, args.file)
    choices = _choices(debate, args)
    # the explanation's lines are ours (ids, kinds, fixed words), so splitting them is safe
    _write(sys.stdout, *format_explanation(explain(debate, choices, node_id)).split("\n"))
    return 0


def _node_id(debate: Debate, node_id: str, path: str) -> str:
    if node_id not in debate.statement_by_id and node_id not in debate.argument_by_id:
        raise _UsageError(f"{quote_ids([node_id])} names no statement or argument in {path}")
    return node_id


def _cmd_whatif(args: argparse.Namespace) -> int:
    from graph.reason import what_if

    debate = _load(args.file)
    if debate is None:
        return 1
    answer = what_if(debate, _choices(debate, args), _node_id(debate, args.id, args.file), to=args.to)
    if args.json:
        _write(sys.stdout, json.dumps(answer.as_dict()))
        return 0
    head = f"{answer.id} is {answer.status} now"
    if answer.size is None:
        _write(sys.stdout, f"{head}; no set of changes makes it {answer.to}")
        return 0
    _write(sys.stdout, f"{head}; to make it {answer.to} takes {answer.size} change(s), any one of these sets:")
    words = {"accepted": "accept", "rejected": "reject"}
    _write(sys.stdout, *("  " + ", ".join(f"{words[c]} {g}" for g, c in s.items()) for s in answer.sets))
    if answer.more:
        _write(sys.stdout, "  (more sets of this size were left out)")
    return 0


def _cmd_robust(args: argparse.Namespace) -> int:
    from graph.reason import robust, robust_as_dict

    debate = _load(args.file)
    if debate is None:
        return 1
    answer = robust_as_dict(debate, robust(debate, _choices(debate, args)))
    if args.json:
        _write(sys.stdout, json.dumps(answer))
        return 0
    for section, words in answer.items():
        _write(sys.stdout, f"{section}:", *(f"  {i}  {w}" for i, w in words.items()))
    return 0


def _link_choices(debate: Debate, link: str, name: str) -> Choices:
    """The choices a link (or its query string) carries; anything it names
    that cannot be chosen is a usage error, not a warning."""
    from urllib.parse import parse_qs, urlsplit

    from graph.link import choices_from_query

    query = urlsplit(link).query if "?" in link or "://" in link else link.lstrip("?")
    choices, warnings = choices_from_query(parse_qs(query, keep_blank_values=True), debate)
    if warnings:
        raise _UsageError(f"{name}: " + " ".join(warnings))
    return choices


def _cmd_diff(args: argparse.Namespace) -> int:
    from graph.reason import diff

    debate = _load(args.file)
    if debate is None:
        return 1
    answer = diff(debate, _link_choices(debate, args.link_a, "LINK_A"), _link_choices(debate, args.link_b, "LINK_B"))
    if args.json:
        _write(sys.stdout, json.dumps(answer.as_dict()))
        return 0
    _write(sys.stdout, "choices that differ (a -> b):", *(f"  {g}  {a} -> {b}" for g, (a, b) in answer.choices.items()))
    _write(
        sys.stdout,
        "statuses that differ (a -> b, because of):",
        *(f"  {n}  {a} -> {b}  ({', '.join(answer.because[n])})" for n, (a, b) in answer.statuses.items()),
    )
    return 0


def _emit(text: str, out: str | None) -> None:
    """``text`` (generated, several lines) to the file ``out`` or to stdout."""
    if out is None:
        if sys.stdout.isatty():  # a terminal gets no raw control character from a debate's texts
            _write(sys.stdout, *text.rstrip("\n").split("\n"))
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        Path(out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as e:
        raise _UsageError(f"cannot write {out}: {e.strerror or e}") from None


def _cmd_import(args: argparse.Namespace) -> int:
    from graph.convert import import_file
    from graph.model import DebateInvalid

    out_dir = str(Path(args.out).parent) if args.out else "."
    try:
        text, warnings = import_file(args.file, args.fmt, out_dir)
    except DebateInvalid as e:
        _write(sys.stderr, *(str(err) for err in e.errors))
        return 1
    except ValueError as e:
        raise _UsageError(str(e)) from None
    _write(sys.stderr, *warnings)
    _emit(text, args.out)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from graph.convert import export_debate

    debate = _load(args.file)
    if debate is None:
        return 1
    _emit(export_debate(debate, args.to), args.out)
    return 0


COMMANDS = {
    "check": _cmd_check,
    "evaluate": _cmd_evaluate,
    "explain": _cmd_explain,
    "whatif": _cmd_whatif,
    "robust": _cmd_robust,
    "diff": _cmd_diff,
    "import": _cmd_import,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (argparse exits with 2
    itself on a usage error it finds)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    command = COMMANDS[args.command]
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
