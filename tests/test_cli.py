"""`python -m graph`: check, evaluate and explain, run as a real subprocess."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cli import main
from graph.explain import explain, format_explanation
from graph.load import load_debate
from tests.test_load import EXPECTED

ROOT = Path(__file__).parent.parent
VALID = Path("tests/fixtures/valid")
INVALID = Path("tests/fixtures/invalid")
# Files whose keys and ids carry terminal control characters (kept apart: the
# author guide quotes every file in invalid/).
FORGING = Path("tests/fixtures/cli")
WORKED = str(VALID / "worked-example.yaml")


def run(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
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
    [
        [],
        ["frobnicate"],
        ["check"],
        ["evaluate"],
        ["evaluate", WORKED, "--bogus"],
        ["explain", WORKED],
        ["evaluate", WORKED, "--on"],
    ],
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
    assert (
        proc.stderr
        == "python -m graph explain: error: 'd' is a conclusion (a conclusion follows from its arguments and cannot be set)\n"
    )


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


# --- every message is exactly one line, with control characters shown as escapes -----

ALLOWED = "(allowed: id, kind, text, quote, accepted, editorial, note)"
FORGED = [
    (
        "cli-escape-in-key.yaml",
        [  # ESC [2K erases the line, CR returns: a fake "ok" line
            "7: statements[0]: unknown field 'x\\x1b[2K\\rtests/fixtures/valid/full.yaml: ok "
            f"(6 statements, 2 arguments, 2 attacks)\\x1b[8m' {ALLOWED}",
        ],
    ),
    (
        "cli-newline-in-id.yaml",
        [  # LF: a forged FILE:LINE line
            "4: statements[0].id: bad id 'p\\ntests/fixtures/valid/full.yaml:1: forged line': use lowercase "
            "letters, digits and '-', starting with a letter or digit, at most 64 characters",
        ],
    ),
    (
        "cli-controls-in-reference.yaml",
        [  # raw U+202E in a key; OSC 8, BEL, C1 CSI, U+2028, TAB
            "7: statements[0]: unknown field 'n\\u202eote' (did you mean 'note'?)",
            "8: statements[1]: conclusion 'c' has no argument (add one, or make it a premise)",
            "13: arguments[0].conclusion: 'c\\x1b]8;;http://x.test/\\x07\\x9b2J\\u2028\\t' names no statement",
        ],
    ),
]


@pytest.mark.parametrize("name, messages", FORGED, ids=[n for n, _ in FORGED])
@pytest.mark.parametrize("command", ["check", "evaluate", "explain"])
def test_control_characters_from_a_file_are_escaped(name, messages, command):
    path = str(FORGING / name)
    proc = run(command, path, *(["p"] if command == "explain" else []))
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr.split("\n") == [f"{path}:{m}" for m in messages] + [""]
    assert proc.stderr.isascii() and all(c == "\n" or c.isprintable() for c in proc.stderr)


def test_control_characters_from_the_command_line_are_escaped():
    proc = run("check", WORKED, "tests/fixtures/nowhere\x1b[32m\r.yaml")
    assert proc.returncode == 1
    assert proc.stderr == "tests/fixtures/nowhere\\x1b[32m\\r.yaml:1: cannot read file: No such file or directory\n"
    proc = run("evaluate", WORKED, "--bogus", "a\nb")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == "python -m graph: error: unrecognized arguments: --bogus a\\nb"
    proc = run("explain", WORKED, "q\x1b[31m\n")  # ids in choice messages are cut and show "?"
    assert proc.stderr == f"python -m graph explain: error: 'q?[31m?' names no statement or argument in {WORKED}\n"


def test_100k_ids_are_read_quickly_with_one_warning():
    ids = ",".join(f"z{i}" for i in range(100_000))
    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["evaluate", WORKED, "--off", ids, "--on", "x"])
    assert time.perf_counter() - t0 < 2  # was quadratic: 100,000 unknown ids did not finish in 60 s
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().splitlines() == [
        # counted in the order --on, --off, --unsure: x, then 9,999 of --off
        "python -m graph evaluate: warning: --off: only the first 10,000 ids are read; ignored 90,001 more",
        "python -m graph evaluate: error: unknown ids 'z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7' and 9,991 more",
    ]


def test_ids_past_10000_are_ignored_by_a_real_run():
    # one argument may hold at most 128 KiB on Linux: ten flags of 10,000 ids each
    chunks = [",".join(["q"] * 9_999 + ["zz"])] + [",".join(f"z{i}" for i in range(10_000))] * 9
    flags = [f"--off={c}" for c in chunks]
    t0 = time.perf_counter()
    proc = run("evaluate", WORKED, "--json", *flags)
    assert time.perf_counter() - t0 < 10  # a whole interpreter start included
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "python -m graph evaluate: warning: --off: only the first 10,000 ids are read; ignored 90,000 more",
        "python -m graph evaluate: error: unknown id 'zz'",
    ]
    proc = run("evaluate", WORKED, "--json", "--on=" + ",".join(["q"] * 10_000), "--off", "q")  # id 10,001
    assert proc.returncode == 0 and json.loads(proc.stdout)["statements"]["q"] == "in"  # no clash: --off unread
    assert (
        proc.stderr == "python -m graph evaluate: warning: --off: only the first 10,000 ids are read; ignored 1 more\n"
    )


# ---- reasoning commands (the format's "Reasoning commands") --------------------
ESSAY_FILE = "content/open-source-ai-safety.yaml"
UNDECIDED_YET_HOLDS = "tests/fixtures/reason/undecided-yet-holds.yaml"


def test_whatif_prints_the_reasoning_answer_as_the_contract_says():
    from graph.choices import resolve_choices
    from graph.reason import what_if

    debate = load_debate(ESSAY_FILE)
    proc = run("whatif", ESSAY_FILE, debate.thesis, "--off", "linux-heartbleed", "--json")
    assert proc.returncode == 0, proc.stderr
    want = what_if(debate, resolve_choices(debate, off=["linux-heartbleed"]), debate.thesis).as_dict()
    assert json.loads(proc.stdout) == want
    assert set(want) == {"id", "status", "to", "size", "sets", "more"}
    text = run("whatif", ESSAY_FILE, debate.thesis)
    assert text.returncode == 0 and "change(s), any one of these sets:" in text.stdout


def test_robust_holds_what_every_settling_keeps():
    proc = run("robust", UNDECIDED_YET_HOLDS, "--unsure", "p", "--json")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["statements"]["c"] == "holds"  # undecided in the labelling, yet it holds
    assert set(answer) == {"statements", "arguments"}


def test_diff_names_the_choices_and_the_statuses_that_differ():
    proc = run("diff", ESSAY_FILE, "", "?off=linux-heartbleed", "--json")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["choices"] == {"linux-heartbleed": ["accepted", "rejected"]}
    assert answer["labels"]["linux-heartbleed"] == ["in", "out"]
    full = run("diff", ESSAY_FILE, "https://x.example/?debate=open-source-ai-safety", "off=linux-heartbleed", "--json")
    assert json.loads(full.stdout) == answer


@pytest.mark.parametrize(
    "argv, message",
    [
        (("whatif", ESSAY_FILE, "nope"), "'nope' names no statement or argument"),
        (("robust", ESSAY_FILE, "--off", "nope"), "unknown id 'nope'"),
        (("diff", ESSAY_FILE, "", "?off=nope"), 'LINK_B: Link parameter "off": ignored unknown ids "nope".'),
    ],
)
def test_reasoning_commands_refuse_unknown_ids_without_a_traceback(argv, message):
    proc = run(*argv)
    assert proc.returncode == 2 and proc.stdout == ""
    assert message in proc.stderr and "Traceback" not in proc.stderr


# ---- import and export (the format's "Import and export") ----------------------
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "interop-samples"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared interop samples are not beside the checkout")
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*/*") if p.suffix in (".argdown", ".json")))
def test_every_sample_imports_into_a_debate_that_passes_check(sample, tmp_path):
    source = next(SAMPLES.glob(f"*/{sample}"))
    out = tmp_path / "imported.yaml"
    proc = run("import", str(source), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert all(": warning: " in line for line in proc.stderr.splitlines())
    assert run("check", str(out)).returncode == 0


def test_export_writes_each_format_that_reads_back(tmp_path):
    import networkx as nx

    debate = load_debate(ESSAY_FILE)
    aif = json.loads(run("export", ESSAY_FILE, "--to", "aif").stdout)
    assert {n["nodeID"] for n in aif["nodes"]} >= set(debate.statement_by_id)
    model = json.loads(run("export", ESSAY_FILE, "--to", "json").stdout)
    assert [s["id"] for s in model["statements"]] == [s.id for s in debate.statements]
    graphml = tmp_path / "essay.graphml"
    assert run("export", ESSAY_FILE, "--to", "graphml", "-o", str(graphml)).returncode == 0
    assert set(nx.read_graphml(graphml).nodes) == {
        *debate.statement_by_id,
        *debate.argument_by_id,
        *debate.question_by_id,
    }
    argdown = tmp_path / "essay.argdown"
    assert run("export", ESSAY_FILE, "--to", "argdown", "-o", str(argdown)).returncode == 0
    back = run("import", str(argdown))
    assert back.returncode == 0, back.stderr
    assert "open-source-critical" in back.stdout


def test_import_refuses_what_it_cannot_read(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    proc = run("import", str(broken))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"{broken}:") and "Traceback" not in proc.stderr
    unknown = tmp_path / "notes.txt"
    unknown.write_text("x")
    proc = run("import", str(unknown))
    assert proc.returncode == 2 and "--from argdown or --from aif" in proc.stderr


def test_evaluate_and_robust_list_the_critical_questions():
    questions = str(VALID / "questions.yaml")
    proc = run("evaluate", questions, "--on", "a1-q1", "--off", "r", "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {
        "statements": {"p": "in", "r": "out", "c": "out", "ans": "out"},
        "arguments": {"a1": "out", "a2": "out"},
        "questions": {"a1-q1": "in", "apt": "out"},
    }
    plain = run("evaluate", questions, "--on", "a1-q1").stdout.splitlines()
    assert plain[-3:] == ["questions:", "  a1-q1  in         (against a1)", "  apt    out        (against a1)"]
    assert "questions" not in json.loads(run("evaluate", WORKED, "--json").stdout)  # only when there are any
    robust = json.loads(run("robust", questions, "--unsure", "apt", "--off", "r", "--json").stdout)
    assert robust["questions"] == {"a1-q1": "falls", "apt": "depends"}
    assert robust["arguments"] == {"a1": "depends", "a2": "falls"}
    diff = json.loads(run("diff", questions, "", "on=apt", "--json").stdout)
    assert diff == {"choices": {"apt": ["rejected", "accepted"]}, "labels": {"a1": ["in", "out"], "apt": ["out", "in"]}}
