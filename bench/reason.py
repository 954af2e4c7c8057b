"""How fast the reasoning answers are: what_if, robust, depends_on, diff.

    python bench/reason.py [--sizes 1000,10000] [--repeats 5] [--brute-seconds 20]

On the essay (content/open-source-ai-safety.yaml) and on seeded synthetic
debates (bench/synthetic.py, ``make_debate(size, seed=size)``) it times each
answer (median of ``--repeats``, the first, cold call shown apart: it builds
the network once per debate) with the default method (brute force when
small, else the clingo solver), and in the same run the same question by
brute force alone (``method="brute"``), stopped after ``--brute-seconds``;
when brute force finishes, the answers are checked equal.

Then the same on ``make_attack_framework(size, seed=size)`` (accepted
objections attacking each other: large strongly connected components, the
hard case for the solver), for a node with many ancestors.

Questions: ``what_if`` of the thesis (essay) or of the deepest conclusion
(synthetic), from the start and from a start with 20 upstream givens unsure;
``robust`` and ``depends_on`` with those 20 unsure; ``diff`` between the
start and those choices, and between the start and 5 flipped upstream givens.

Targets (issue 15): essay < 50 ms per answer; 1,000 statements < 1 s;
10,000 statements < 10 s (robust with 20 unsure givens upstream of the
target).  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_attack_framework, make_debate
from graph.evaluate import evaluate
from graph.load import load_debate
from graph.model import Debate
from graph.network import upstream_of
from graph.reason import depends_on, diff, robust, what_if

ROOT = Path(__file__).resolve().parent.parent


class _TimeUp(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _TimeUp


def timed(fn: Callable[[], Any], repeats: int) -> tuple[Any, float, float]:
    """(result, first call, median of the calls after it)."""
    t = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return result, first, statistics.median(times) if times else first


def brute(fn: Callable[[], Any], seconds: float) -> tuple[Any, float | None]:
    """(result, seconds) of one call, or (None, None) if it ran out of time."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    t = time.perf_counter()
    try:
        result = fn()
    except _TimeUp:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return result, time.perf_counter() - t


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def deep_conclusion(debate: Debate) -> str:
    """The conclusion with the most ancestors among the last 20 (chains grow toward the end)."""
    return max(debate.conclusion_ids[-20:], key=lambda c: len(upstream_of(debate, [c])))


def deep_node(debate: Debate, seed: int) -> str:
    """Of 20 nodes drawn with ``seed``, the one with the most ancestors."""
    ids = [s.id for s in debate.statements]
    return max(random.Random(seed).sample(ids, 20), key=lambda c: len(upstream_of(debate, [c])))


def unsure_upstream(debate: Debate, target: str, n: int) -> dict[str, str]:
    """``n`` accepted givens upstream of ``target`` made unsure: those nearest
    to it along support links first (so that the target itself is usually
    left undecided), then the rest upstream in id order."""
    start = debate.starting_choices()
    near: list[str] = []
    todo, seen = [target], {target}
    for x in todo:
        node = debate.node(x)
        preds = node.premises if hasattr(node, "premises") else debate.arguments_for.get(x, ())
        for p in preds:
            if p not in seen:
                seen.add(p)
                todo.append(p)
                if p in start and start[p] == "accepted":
                    near.append(p)
    rest = sorted(g for g in upstream_of(debate, [target]) if g in start and g not in near)
    return {g: "unsure" for g in (near + rest)[:n]}


def flipped_upstream(debate: Debate, target: str, n: int, seed: int) -> dict[str, str]:
    start = debate.starting_choices()
    givens = sorted(set(upstream_of(debate, [target])) & set(debate.given_ids))
    rnd = random.Random(seed + 1)
    return {g: ("rejected" if start[g] == "accepted" else "accepted") for g in rnd.sample(givens, min(n, len(givens)))}


def summary(result: Any) -> str:
    if hasattr(result, "size"):
        return f"size {result.size}, {len(result.sets)} sets{' and more' if result.more else ''}"
    if hasattr(result, "because"):
        sizes = [len(v) for v in result.because.values()]
        return (
            f"{len(result.choices)} choices, {len(result.statuses)} statuses differ"
            f" (causes of size {min(sizes)}-{max(sizes)})"
            if sizes
            else f"{len(result.choices)} choices, none"
        )
    if isinstance(result, dict):
        words = list(result.values())
        return ", ".join(f"{words.count(w)} {w}" for w in ("holds", "falls", "depends"))
    return f"{len(result)} givens: {', '.join(result[:4])}{'...' if len(result) > 4 else ''}"


def run(name: str, debate: Debate, target: str, repeats: int, brute_seconds: float, limit_s: float) -> None:
    unsure = unsure_upstream(debate, target, 20)
    flips = flipped_upstream(debate, target, 5, len(debate.statements))
    n_up = len(upstream_of(debate, [target]))
    now = (evaluate(debate)[target], evaluate(debate, unsure)[target], evaluate(debate, flips)[target])
    print(
        f"== {name}: {len(debate.statements)} statements, {len(debate.arguments)} arguments,"
        f" {len(debate.attacks)} attacks; target {target} ({n_up} nodes upstream; {now[0]} from the start,"
        f" {now[1]} with 20 unsure, {now[2]} with 5 flipped); goal < {ms(limit_s)}"
    )
    questions: list[tuple[str, Callable[[str], Any]]] = [
        ("what_if from the start", lambda m: what_if(debate, None, target, method=m)),
        ("what_if, 20 unsure", lambda m: what_if(debate, unsure, target, method=m)),
        ("what_if to in, 5 flipped", lambda m: what_if(debate, flips, target, to="in", method=m)),
        ("robust, 20 unsure", lambda m: robust(debate, unsure, method=m)),
        ("depends_on, 20 unsure", lambda m: depends_on(debate, unsure, target, method=m)),
        ("diff start vs 20 unsure", lambda m: diff(debate, None, unsure, method=m)),
        ("diff start vs 5 flipped", lambda m: diff(debate, None, flips, method=m)),
    ]
    for label, ask in questions:
        result, first, median = timed(lambda ask=ask: ask("auto"), repeats)
        flag = "ok" if max(first, median) < limit_s else "OVER"
        theirs, brute_s = brute(lambda ask=ask: ask("brute"), brute_seconds)
        if brute_s is None:
            versus = f"brute force did not finish in {brute_seconds:.0f} s"
        else:
            versus = f"brute force {ms(brute_s)}, {'same answer' if theirs == result else 'DIFFERENT ANSWER'}"
        print(f"  {label:<26} {ms(median):>9} median, {ms(first):>9} first [{flag}]  {summary(result)};  {versus}")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--brute-seconds", type=float, default=20.0)
    args = ap.parse_args(argv)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"python {sys.version.split()[0]}; median of {args.repeats} warm runs after one cold run;"
        f" load average at start {load} on {os.cpu_count()} cores"
    )
    print()
    essay = load_debate(ROOT / "content" / "open-source-ai-safety.yaml")
    assert essay.thesis is not None
    run("essay", essay, essay.thesis, args.repeats, args.brute_seconds, 0.050)
    for size in (int(s) for s in args.sizes.split(",") if s):
        debate = make_debate(size, seed=size)
        run(
            f"synthetic {size}",
            debate,
            deep_conclusion(debate),
            args.repeats,
            args.brute_seconds,
            1.0 if size <= 1000 else 10.0,
        )
    for size in (int(s) for s in args.sizes.split(",") if s):
        framework = make_attack_framework(size, seed=size)
        run(
            f"attack framework {size} (long attack cycles)",
            framework,
            deep_node(framework, size),
            args.repeats,
            args.brute_seconds,
            1.0 if size <= 1000 else 10.0,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
