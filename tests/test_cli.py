"""`python -m graph`: check, evaluate and explain, run as a real subprocess."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cli import main
from graph.explain import explain, format_explanation
from graph.load import load_debate
from test_load import EXPECTED

ROOT = Path(__file__).parent.parent
VALID = Path("tests/fixtures/valid")
INVALID = Path("tests/fixtures/invalid")
WORKED = str(VALID / "worked-example.yaml")


def run(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    return proc


def test_check_valid_files():
    proc = run("check", WORKED, str(VALID / "full.yaml"))
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        f"{WORKED}: ok (7 statements, 3 arguments, 2 attacks)",
        f"{VALID / 'full.yaml'}: ok (6 statements, 2 arguments, 2 attacks)",
    ]
    assert proc.stderr == ""


def test_check_reports_every_error_of_every_file():
    several = str(INVALID / "several-errors.yaml")
    missing = "tests/fixtures/no-such-file.yaml"
    proc = run("check", several, WORKED, missing, str(INVALID / "yaml11-surprises.yaml"))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [f"{WORKED}: ok (7 statements, 3 arguments, 2 attacks)"]
    assert proc.stderr.splitlines() == (
        [f"{several}:{m}" for m in EXPECTED["several-errors.yaml"]]
        + [f"{missing}:1: cannot read file: No such file or directory"]
        + [f"{INVALID / 'yaml11-surprises.yaml'}:{m}" for m in EXPECTED["yaml11-surprises.yaml"]]
    )


def test_check_hostile_inputs_never_trace(tmp_path):
    (tmp_path / "bytes.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "deep.yaml").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "tag.yaml").write_text("!!python/object/apply:os.system [ls]\n", encoding="utf-8")
    files = [str(tmp_path / "bytes.yaml"), str(tmp_path / "deep.yaml"), str(tmp_path / "tag.yaml"), str(tmp_path)]
    expected = [
        f"{tmp_path / 'bytes.yaml'}:1: not UTF-8: byte 0xff cannot be decoded (save the file as UTF-8)",
        f"{tmp_path / 'deep.yaml'}:1: not YAML this checker accepts: nested deeper than 64 levels",
        f"{tmp_path / 'tag.yaml'}:1: the top level: tag '!!python/object/apply:os.system' is not plain data (only strings, numbers, booleans, lists and mappings are allowed)",
        f"{tmp_path}:1: cannot read file: it is a directory, not a regular file",
    ]
    if hasattr(os, "mkfifo"):  # a FIFO nobody writes to would block a plain open()
        os.mkfifo(tmp_path / "fifo.yaml")
        files.append(str(tmp_path / "fifo.yaml"))
        expected.append(f"{tmp_path / 'fifo.yaml'}:1: cannot read file: it is a named pipe (FIFO), not a regular file")
    if os.path.exists("/dev/zero"):  # endless, and stat says 0 bytes
        files.append("/dev/zero")
        expected.append("/dev/zero:1: cannot read file: it is a device, not a regular file")
    proc = run("check", *files)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines() == expected


def labels(*flags: str) -> dict:
    proc = run("evaluate", WORKED, "--json", *flags)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.count("\n") == 1  # exactly one JSON object
    return json.loads(proc.stdout)


def test_evaluate_worked_example_step_by_step():
    # With the starting toggles every statement is in but x: c and d hold.
    assert labels() == {
        "statements": {"p": "in", "q": "in", "r": "in", "c": "in", "d": "in", "x": "out", "y": "in"},
        "arguments": {"a1": "in", "a2": "in", "a3": "in"},
    }
    # Turn q off: a1 is out, a2 still carries c, so c and d stay in.
    step = labels("--off", "q")
    assert step["arguments"] == {"a1": "out", "a2": "in", "a3": "in"}
    assert step["statements"]["c"] == step["statements"]["d"] == "in"
    # Also turn x on: y defeats x, so x is out and a2 stays in.
    step = labels("--off", "q", "--on", "x")
    assert step["statements"]["x"] == "out" and step["arguments"]["a2"] == "in"
    # Also turn y off: x is in, a2 is out, and c, d are out.
    step = labels("--off", "q,y", "--on", "x")
    assert step == {
        "statements": {"p": "in", "q": "out", "r": "in", "c": "out", "d": "out", "x": "in", "y": "out"},
        "arguments": {"a1": "out", "a2": "out", "a3": "out"},
    }
    # Repeated flags and stray commas/spaces mean the same.
    assert labels("--off", "q", "--off", " y,", "--on=x") == step


def test_evaluate_text_output():
    proc = run("evaluate", WORKED, "--unsure", "r", "--off", "q")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.splitlines() == [
        "statements:",
        "  p   in         (premise)",
        "  q   out        (premise)",
        "  r   undecided  (analogy)",
        "  c   undecided  (conclusion)",
        "  d   undecided  (conclusion)",
        "  x   out        (objection)",
        "  y   in         (objection)",
        "arguments:",
        "  a1  out        (for c)",
        "  a2  undecided  (for c)",
        "  a3  undecided  (for d)",
    ]


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--on", "zz"], "unknown id 'zz'"),
        (["--off", "c"], "'c' is a conclusion (a conclusion follows from its arguments and cannot be set)"),
        (["--on", "p", "--unsure", "q,p"], "'p' is named in both --on and --unsure"),
    ],
)
def test_evaluate_bad_choices_exit_2(flags, message):
    proc = run("evaluate", WORKED, "--json", *flags)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"python -m graph evaluate: error: {message}\n"


def test_evaluate_invalid_file_exits_1_with_check_messages():
    path = str(INVALID / "several-errors.yaml")
    proc = run("evaluate", path, "--json")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines() == [f"{path}:{m}" for m in EXPECTED["several-errors.yaml"]]
    proc = run("evaluate", "missing.yaml")
    assert (proc.returncode, proc.stderr) == (1, "missing.yaml:1: cannot read file: No such file or directory\n")


@pytest.mark.parametrize(
    "args",
    [[], ["frobnicate"], ["check"], ["evaluate"], ["evaluate", WORKED, "--bogus"], ["explain", WORKED], ["evaluate", WORKED, "--on"]],
)
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("usage: python -m graph")
    assert "error: " in proc.stderr


def test_explain_prints_the_explanation():
    proc = run("explain", WORKED, "c", "--off", "q")
    assert proc.returncode == 0 and proc.stderr == ""
    d = load_debate(WORKED)
    choices = {**d.starting_choices(), "q": "rejected"}
    assert proc.stdout == format_explanation(explain(d, choices, "c")) + "\n"
    assert proc.stdout.strip()


def test_explain_unknown_id_and_bad_choice_exit_2():
    proc = run("explain", WORKED, "nowhere")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"python -m graph explain: error: 'nowhere' names no statement or argument in {WORKED}\n"
    proc = run("explain", WORKED, "c", "--on", "d")
    assert proc.returncode == 2
    assert proc.stderr == "python -m graph explain: error: 'd' is a conclusion (a conclusion follows from its arguments and cannot be set)\n"


def test_every_content_file_checks():
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "content").glob("*.yaml"))
    proc = run("check", *files)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == len(files)


_ids = st.sampled_from(["p", "q", "r", "x", "y", "c", "d", "a1", "zz", "", ",", "p,q", "Q"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["--on", "--off", "--unsure"]), _ids), max_size=5), st.booleans())
def test_any_flags_give_a_clean_exit(flags, as_json):
    argv = ["evaluate", WORKED] + [f"{f}={v}" for f, v in flags] + (["--json"] if as_json else [])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse
            code = e.code
    assert code in (0, 2)
    if code == 0:
        assert err.getvalue() == ""
        if as_json:
            data = json.loads(out.getvalue())
            assert set(data) == {"statements", "arguments"}
    else:
        assert out.getvalue() == "" and err.getvalue().startswith("python -m graph evaluate: error: ")
