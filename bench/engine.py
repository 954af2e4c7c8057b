"""How fast the engine is: loading, evaluation, re-evaluation, critical givens.

    python bench/engine.py [--sizes 1000,10000,100000] [--repeats 7] [--flips 201]

For seeded synthetic debates (bench/synthetic.py) of each size it prints:
load + check (the YAML written to a temp dir, read by graph.load.load_debate),
compiling the evaluation index (first evaluate), full evaluation (median),
one-change re-evaluation (median and 90th percentile over random flips, both
the full new dict and the changes only), critical givens and the explanation
of one deep conclusion, and peak memory (tracemalloc) of load and of
compile + evaluate.  Then the pure-attack case (only givens and attacks, an
abstract framework) against the `formal-argumentation` package's grounded
extension on the same framework, checking both give the same statuses.

Targets (issue 2): full evaluation 10k < 20 ms, 100k < 300 ms; re-evaluation
10k < 1 ms median; load + check 10k < 1 s; ours >= 5x the package.  Figures
are printed, never asserted; bench/README.md records a run.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_attack_framework, make_debate, write_debate_yaml
from graph.evaluate import evaluate, reevaluate, reevaluate_changes
from graph.explain import critical_givens, explain, explain_many
from graph.index import debate_index
from graph.model import Debate
from graph.status import Choice, Status

T = TypeVar("T")


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def ms(seconds: float) -> str:
    """``seconds`` as "12.34 ms" below a second, else "1.23 s"."""
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def peak_mib(fn: Callable[[], T]) -> tuple[T, float]:
    """``fn()`` and the peak memory it allocated (tracemalloc), in MiB."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak / 2**20


def deep_conclusion(debate: Debate) -> str:
    """The conclusion with the most ancestors among the last few (chains grow toward the end)."""
    ix = debate_index(debate)
    best, best_n = "", -1
    for cid in debate.conclusion_ids[-20:]:
        n = len(ix.upstream([ix.pos[cid]]))
        if n > best_n:
            best, best_n = cid, n
    return best


def load_and_check(debate: Debate, repeats: int) -> tuple[float | str | None, float | None, Debate | None]:
    """(median seconds, peak MiB, the loaded debate) of loading ``debate`` written as YAML;
    (the refusal message, None, None) when the loader refuses the file; all None without a loader."""
    try:
        from graph.load import load_debate
    except ImportError:  # the loader is written separately; the column waits for it
        return None, None, None
    from graph.model import DebateInvalid

    with tempfile.TemporaryDirectory() as tmp:
        path = write_debate_yaml(debate, Path(tmp) / "synthetic.yaml")
        try:
            loaded, peak = peak_mib(lambda: load_debate(path))
        except DebateInvalid as exc:  # e.g. over the format's 2 MiB limit
            return str(exc.errors[0]).split(": ", 1)[1], None, None
        seconds = median_time(lambda: load_debate(path), repeats)
    return seconds, peak, loaded


def bench_size(size: int, repeats: int, flips: int) -> dict[str, Any]:
    """Every figure of one synthetic debate of ``size`` statements, as a row for ``main``."""
    row: dict[str, Any] = {"size": size}
    debate = make_debate(size, seed=size)
    row["statements"], row["arguments"] = len(debate.statements), len(debate.arguments)
    row["attacks"] = len(debate.attacks)
    load_s, load_peak, loaded = load_and_check(debate, 3 if size <= 10_000 else 1)
    row["load"], row["load_peak"] = load_s, load_peak
    if loaded is not None:
        assert evaluate(loaded) == evaluate(debate), "the YAML round trip changed the statuses"
    fresh = make_debate(size, seed=size)
    _, eval_peak = peak_mib(lambda: evaluate(fresh))
    row["eval_peak"] = eval_peak
    fresh = make_debate(size, seed=size)
    t = time.perf_counter()
    evaluate(fresh)
    row["compile"] = time.perf_counter() - t
    times = [median_time(lambda: evaluate(debate), 1) for _ in range(repeats)]
    row["evaluate"], row["evaluate_min"] = statistics.median(times), min(times)
    # one-change re-evaluation: random givens set to a random other choice
    rnd = random.Random(size)
    choices: dict[str, Choice] = dict(debate.starting_choices())
    statuses = evaluate(debate, choices)
    t = time.perf_counter()
    debate_index(debate).scc()
    row["scc"] = time.perf_counter() - t
    full_times: list[float] = []
    change_times: list[float] = []
    changed: list[int] = []
    for _ in range(flips):
        g = rnd.choice(debate.given_ids)
        choices[g] = rnd.choice([c for c in ("accepted", "rejected", "unsure") if c != choices[g]])
        t = time.perf_counter()
        delta = reevaluate_changes(debate, statuses, choices, g)
        change_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        new = reevaluate(debate, statuses, choices, g)
        full_times.append(time.perf_counter() - t)
        changed.append(len(delta))
        statuses = new
    assert statuses == evaluate(debate, choices), "re-evaluation drifted from full evaluation"
    row["reeval_changes"] = statistics.median(change_times)
    row["reeval_changes_p90"] = statistics.quantiles(change_times, n=10)[-1]
    row["reeval"] = statistics.median(full_times)
    row["changed_median"] = statistics.median(changed)
    row["changed_max"] = max(changed)
    deep = deep_conclusion(debate)
    row["deep"] = deep
    t = time.perf_counter()
    crit = critical_givens(debate, choices, deep, statuses)
    row["critical"] = time.perf_counter() - t
    row["critical_n"] = len(crit)
    row["deep_status"] = statuses[deep]
    t = time.perf_counter()
    expl = explain(debate, choices, deep, statuses)
    row["explain"] = time.perf_counter() - t
    row["explain_givens"] = len(expl.givens)
    row["explain_all"] = None
    if size <= 10_000:
        t = time.perf_counter()
        explain_many(debate, choices, None, statuses)
        row["explain_all"] = time.perf_counter() - t
    return row


def bench_framework(size: int, repeats: int) -> dict[str, Any]:
    """Ours against formal-argumentation on a pure attack framework of ``size`` arguments."""
    from argumentation.core.dung import ArgumentationFramework, grounded_extension

    debate = make_attack_framework(size, seed=size)
    af = ArgumentationFramework(
        arguments=frozenset(s.id for s in debate.statements),
        defeats=frozenset((a.by, a.target) for a in debate.attacks),
    )
    ours = evaluate(debate)
    ext = grounded_extension(af)
    theirs: dict[str, Status] = {}
    for s in debate.statements:
        x = s.id
        theirs[x] = "in" if x in ext else "undecided"
    for a in debate.attacks:
        if a.by in ext:
            theirs[a.target] = "out"
    row: dict[str, Any] = {"size": size, "attacks": len(debate.attacks), "same": ours == theirs}
    fresh = make_attack_framework(size, seed=size)
    t = time.perf_counter()
    evaluate(fresh)
    row["ours_cold"] = time.perf_counter() - t
    # Interleaved, so that load from other processes hits both sides alike;
    # the ratio is the median of the per-pair ratios.
    ours_t: list[float] = []
    theirs_t: list[float] = []
    for _ in range(max(repeats, 3) * 3):
        ours_t.append(median_time(lambda: evaluate(debate), 1))
        theirs_t.append(median_time(lambda: grounded_extension(af), 1))
    row["ours"], row["theirs"] = statistics.median(ours_t), statistics.median(theirs_t)
    row["ratio"] = statistics.median(b / a for a, b in zip(ours_t, theirs_t, strict=True))
    row["ratio_cold"] = row["theirs"] / (row["ours_cold"] + row["ours"])
    return row


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark with the command line's sizes and repeats, print the figures; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--flips", type=int, default=201)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"python {sys.version.split()[0]}; median of {args.repeats} runs; {args.flips} random one-given flips;"
        f" load average at start {load} on {os.cpu_count()} cores"
    )
    print()
    for size in sizes:
        r = bench_size(size, args.repeats, args.flips)
        print(f"== {r['statements']} statements, {r['arguments']} arguments, {r['attacks']} attacks")
        if r["load"] is None:
            load = "graph/load.py not available"
        elif isinstance(r["load"], str):
            load = f"not loadable: {r['load']}"
        else:
            load = f"{ms(r['load'])} (peak {r['load_peak']:.1f} MiB)"
        print(f"  load + check (YAML)            {load}")
        print(f"  compile index (first evaluate) {ms(r['compile'])} (compile + evaluate peak {r['eval_peak']:.1f} MiB)")
        print(f"  full evaluation                {ms(r['evaluate'])} median, {ms(r['evaluate_min'])} best")
        print(f"  components for re-evaluation   {ms(r['scc'])} (once per debate)")
        print(
            f"  re-evaluation, changes only    {ms(r['reeval_changes'])} median, {ms(r['reeval_changes_p90'])} p90"
            f" ({r['changed_median']:.0f} statuses changed median, {r['changed_max']} max)"
        )
        print(f"  re-evaluation, full new dict   {ms(r['reeval'])} median")
        print(
            f"  critical givens of {r['deep']:<10}  {ms(r['critical'])}"
            f" ({r['critical_n']} found; it is {r['deep_status']})"
        )
        print(f"  explanation of {r['deep']:<10}      {ms(r['explain'])} ({r['explain_givens']} givens named)")
        if r["explain_all"] is not None:
            print(f"  explanations of every node     {ms(r['explain_all'])} (explain_many)")
        print()
    print("== pure attack case (givens and attacks only) vs formal-argumentation 0.3.0 grounded_extension")
    for size in sizes:
        r = bench_framework(size, args.repeats)
        print(
            f"  {size:>7} arguments, {r['attacks']:>7} attacks: ours {ms(r['ours'])}, theirs {ms(r['theirs'])},"
            f" ratio {r['ratio']:.1f}x (counting our one-off index compile: {r['ratio_cold']:.1f}x);"
            f" same statuses: {r['same']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
