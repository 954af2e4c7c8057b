"""The essay map content/open-source-ai-safety.yaml: valid, complete, honest.

What is checked (issue 3):
- the file loads (``check`` finds nothing) and every quote is an exact substring;
- coverage: every sentence of the essay is covered by quotes, apart from a
  short exempt list with reasons; only a leading connective ("First, ",
  "For example, ") and the final full stop may be left out of the quotes;
- the starting view: thesis in, every editorial challenge out, the cited
  opposing view defeated by the essay's answer;
- each scenario gives the outcome its description states;
- each editorial challenge, granted alone, changes some argument or conclusion.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.evaluate import evaluate
from graph.load import check_debate, load_debate
from graph.model import Debate

ROOT = Path(__file__).resolve().parent.parent
DEBATE_PATH = ROOT / "content" / "open-source-ai-safety.yaml"
TEXT_PATH = ROOT / "content" / "open-source-ai-safety.txt"

THESIS = "open-source-critical"
FIRST = "open-access-diverse-research"
SECOND = "proactive-not-reactive"
THIRD = "public-decides-not-elites"
OPPOSING_VIEW = "limiting-access-curbs-misuse"
ESSAY_ANSWER = "restriction-fails"

# Sentences that assert nothing the map should hold, each with its reason.
EXEMPT = {
    "Open Sourcing AI is Critical to AI Safety": "the title: a heading, restated by the thesis sentence",
    "This post is inspired by recent tweets by Percy Liang, Associate Professor of "
    "Computer Science at Stanford University, on the importance of open-sourcing "
    "for AI safety.": "the inspiration line: says where the post came from, argues nothing",
}

# Words a quote may leave out at the start of its sentence: they link
# sentences ("First, ", "For example, ") but assert nothing themselves.
CONNECTIVE = re.compile(r"(?:First|Second|Finally|However|For instance|For example|Similarly), (?:we say that )?")

# The outcome each scenario's description states, as exact labels.
SCENARIO_OUTCOMES = {
    "as-written": {
        THESIS: "in",
        FIRST: "in",
        SECOND: "in",
        THIRD: "in",
        OPPOSING_VIEW: "out",
        ESSAY_ANSWER: "in",
    },
    "grant-every-challenge": {
        THESIS: "out",
        FIRST: "in",
        SECOND: "out",
        THIRD: "out",
        OPPOSING_VIEW: "in",
        ESSAY_ANSWER: "out",
    },
    "analogies-fail": {
        THESIS: "in",
        FIRST: "in",
        SECOND: "in",
        THIRD: "out",
        OPPOSING_VIEW: "out",
        ESSAY_ANSWER: "in",
    },
    "unsure-evidence": {
        THESIS: "in",
        FIRST: "in",
        SECOND: "in",
        THIRD: "undecided",
        OPPOSING_VIEW: "out",
        ESSAY_ANSWER: "in",
    },
    "misuse-unanswered": {
        THESIS: "out",
        FIRST: "in",
        SECOND: "in",
        THIRD: "in",
        OPPOSING_VIEW: "in",
        ESSAY_ANSWER: "out",
    },
}


# What each editorial challenge, granted alone, does (docs/essay-map.md says the same).
CHALLENGE_ALONE = {
    "heartbleed-was-openssl": {
        "heartbleed-analogy": "out",
        "open-ai-exposes-flaws": "in",
        FIRST: "in",
        THESIS: "in",
    },
    "vioxx-sentences-conflict": {
        "early-stress-tests": "out",
        SECOND: "in",
        THESIS: "in",
    },
    "weights-cannot-be-recalled": {
        "early-stress-tests": "out",
        "open-ai-exposes-flaws": "out",
        SECOND: "out",
        FIRST: "in",
        THIRD: "in",
        THESIS: "in",
    },
    "safeguards-removable": {
        ESSAY_ANSWER: "out",
        OPPOSING_VIEW: "in",
        THESIS: "out",
        FIRST: "in",
        SECOND: "in",
        THIRD: "in",
    },
    "llama-not-open-source": {
        "llama-example": "out",
        FIRST: "in",
        THESIS: "in",
    },
    "weights-not-source-code": {
        "crowdsourced-auditing": "out",
        "open-ai-exposes-flaws": "out",
        FIRST: "in",
        THESIS: "in",
    },
    "gof-openness-is-debate": {
        "democratic-deliberation": "out",
        THIRD: "out",
        THESIS: "in",
    },
}


@pytest.fixture(scope="module")
def debate() -> Debate:
    return load_debate(DEBATE_PATH)


@pytest.fixture(scope="module")
def essay() -> str:
    return TEXT_PATH.read_text(encoding="utf-8")


def split_sentences(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; sentences end in . ! or ?"""
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if paragraph:
            sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", paragraph))
    return [s for s in sentences if s]


def quote_mask(text: str, quotes: list[str]) -> list[bool]:
    """True at every character of text that lies inside some occurrence of a quote."""
    mask = [False] * len(text)
    for quote in quotes:
        start = text.find(quote)
        while start != -1:
            for i in range(start, start + len(quote)):
                mask[i] = True
            start = text.find(quote, start + 1)
    return mask


def starting_labels(debate: Debate) -> dict[str, str]:
    return evaluate(debate, debate.starting_choices())


def editorial_ids(debate: Debate) -> list[str]:
    return [s.id for s in debate.statements if s.editorial]


# --- the file itself -----------------------------------------------------------


def test_file_passes_check():
    loaded, errors = check_debate(DEBATE_PATH)
    assert [str(e) for e in errors] == []
    assert loaded is not None


def test_source_text_kept_verbatim(debate, essay):
    assert debate.source_text == essay
    # Editors like to "fix" these: the shared source has three non-breaking spaces.
    assert essay.count("\xa0") == 3
    assert essay.startswith("Open Sourcing AI is Critical to AI Safety\n\n")


def test_every_quote_is_an_exact_substring(debate, essay):
    quoted = [s for s in debate.statements if s.quote is not None]
    assert quoted, "the map quotes nothing"
    for s in quoted:
        assert s.quote in essay, s.id
        # Once only, so the highlighted essay marks the sentence meant.
        assert essay.count(s.quote) == 1, s.id


def test_labels_are_short_and_plain(debate):
    for s in debate.statements:
        assert 0 < len(s.text) < 90, (s.id, len(s.text))
        assert "<" not in s.text and "\n" not in s.text, s.id


# --- coverage ---------------------------------------------------------------------


def test_splitter_finds_the_sentences(essay):
    sentences = split_sentences(essay)
    assert sentences[0] == "Open Sourcing AI is Critical to AI Safety"
    assert sentences[-1] == "Restricting access is unlikely to achieve safety in the long run."
    # The non-breaking space between two sentences still separates them.
    assert "This is superior to having flaws exposed only upon leakage of a closed system." in sentences
    assert len(sentences) == 28


def test_every_sentence_is_covered_by_quotes(debate, essay):
    mask = quote_mask(essay, [s.quote for s in debate.statements if s.quote])
    uncovered = []
    for sentence in split_sentences(essay):
        if sentence in EXEMPT:
            continue
        start = essay.index(sentence)
        covered = mask[start : start + len(sentence)]
        # What the quotes leave out must be a leading connective, the final
        # punctuation, and nothing in between.
        first = covered.index(True) if True in covered else len(sentence)
        last = len(covered) - covered[::-1].index(True) if True in covered else first
        lead, middle, tail = sentence[:first], covered[first:last], sentence[last:]
        if not middle or not all(middle) or (lead and CONNECTIVE.fullmatch(lead) is None) or tail.strip(" .\xa0"):
            uncovered.append(sentence)
    assert uncovered == []


def test_exempt_sentences_exist_and_are_not_quoted(debate, essay):
    sentences = split_sentences(essay)
    quotes = [s.quote for s in debate.statements if s.quote]
    for sentence, reason in EXEMPT.items():
        assert sentence in sentences and reason
        assert not any(q in sentence for q in quotes), sentence


# --- the shape the issue asks for -----------------------------------------------


def test_thesis_and_reasons_are_conclusions(debate):
    assert debate.thesis == THESIS
    for cid in (THESIS, FIRST, SECOND, THIRD, ESSAY_ANSWER, "path-to-safe-ai", "collective-responsibility"):
        assert debate.statement_by_id[cid].kind == "conclusion", cid
    quotes = {cid: debate.statement_by_id[cid].quote for cid in (FIRST, SECOND, THIRD)}
    assert quotes[FIRST] == "open access allows diverse researchers to study safety issues"
    assert quotes[SECOND] == "open access lets society confront risks proactively rather than reactively"
    assert quotes[THIRD].startswith("If so, we should carefully consider")
    # Each reason alone carries the thesis.
    thesis_premises = {debate.argument_by_id[a].premises for a in debate.arguments_for[THESIS]}
    assert {(FIRST,), (SECOND,), (THIRD,)} <= thesis_premises


def test_analogies_and_example_have_their_schemes_and_questions(debate):
    by_given = {}
    for a in debate.arguments:
        for p in a.premises:
            by_given.setdefault(p, []).append(a)
    analogies = [s.id for s in debate.statements if s.kind == "analogy"]
    assert set(analogies) == {
        "linux-collaboration",
        "linux-heartbleed",
        "closed-os-slower",
        "vioxx-closed-data",
        "vioxx-open-data",
        "gain-of-function",
    }
    for sid in analogies:
        args = by_given[sid]
        assert args and all(a.scheme == "analogy" for a in args), sid
        assert all(len(a.critical_questions) >= 3 for a in args), sid
    examples = [s.id for s in debate.statements if s.kind == "example"]
    assert examples == ["llama-release"]
    assert [a.scheme for a in by_given["llama-release"]] == ["example"]
    assert by_given["llama-release"][0].critical_questions
    # Critical questions are tailored: no two analogy arguments share one.
    questions = [q for a in debate.arguments if a.scheme == "analogy" for q in a.critical_questions]
    assert len(questions) == len(set(questions))


def test_editorial_challenges_are_sourced_rejected_objections(debate):
    ids = editorial_ids(debate)
    assert len(ids) >= 7
    attacked = {a.by for a in debate.attacks}
    for sid in ids:
        s = debate.statement_by_id[sid]
        assert s.kind == "objection" and s.accepted is False, sid
        assert s.quote is None, sid
        assert s.note and len(s.note) > 80, sid
        assert sid in attacked, sid


def test_essay_answer_does_not_rest_on_the_thesis(debate):
    """The answer to the opposing view must not be derived from the thesis it defends."""
    supports = {}  # conclusion -> statements it is derived from
    for a in debate.arguments:
        supports.setdefault(a.conclusion, set()).update(a.premises)
    seen, todo = set(), [ESSAY_ANSWER]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(supports.get(node, ()))
    assert THESIS not in seen


# --- the starting view --------------------------------------------------------------


def test_starting_view(debate):
    labels = starting_labels(debate)
    assert labels[THESIS] == "in"
    for cid in (FIRST, SECOND, THIRD):
        assert labels[cid] == "in", cid
    for sid in editorial_ids(debate):
        assert labels[sid] == "out", sid
    # The opposing view is accepted, but defeated by the essay's answer.
    assert debate.statement_by_id[OPPOSING_VIEW].accepted is True
    assert THESIS in {a.target for a in debate.attacks if a.by == OPPOSING_VIEW}
    assert ESSAY_ANSWER in debate.attackers_of[OPPOSING_VIEW]
    assert labels[OPPOSING_VIEW] == "out"
    assert labels[ESSAY_ANSWER] == "in"
    # Nothing is left undecided when the reader has not doubted anything.
    assert [k for k, v in labels.items() if v == "undecided"] == []


def test_without_the_answer_the_opposing_view_defeats_the_thesis(debate):
    choices = debate.starting_choices()
    choices["leaks-expose-closed-flaws"] = "rejected"
    labels = evaluate(debate, choices)
    assert labels[ESSAY_ANSWER] == "out"
    assert labels[OPPOSING_VIEW] == "in"
    assert labels[THESIS] == "out"


# --- scenarios ------------------------------------------------------------------------


def test_every_scenario_has_a_stated_outcome(debate):
    assert set(debate.scenario_by_id) == set(SCENARIO_OUTCOMES)
    titles = {s.title for s in debate.scenarios}
    assert {
        "The essay as written",
        "Grant every challenge",
        "The analogies do not carry over",
        "Unsure about the evidence",
    } <= titles
    for s in debate.scenarios:
        assert s.description and "\n" not in s.description, s.id


def test_scenario_lists_match_their_titles(debate):
    sc = debate.scenario_by_id
    assert sc["as-written"].on == sc["as-written"].off == sc["as-written"].unsure == ()
    assert set(sc["grant-every-challenge"].on) == set(editorial_ids(debate))
    analogies = {s.id for s in debate.statements if s.kind == "analogy"}
    assert set(sc["analogies-fail"].off) == analogies
    assert set(sc["unsure-evidence"].unsure) == analogies | {"llama-release"}


@pytest.mark.parametrize("scenario_id", sorted(SCENARIO_OUTCOMES))
def test_scenario_outcome(debate, scenario_id):
    scenario = debate.scenario_by_id[scenario_id]
    choices = debate.starting_choices()
    for ids, choice in ((scenario.on, "accepted"), (scenario.off, "rejected"), (scenario.unsure, "unsure")):
        for gid in ids:
            choices[gid] = choice
    labels = evaluate(debate, choices)
    got = {k: labels[k] for k in SCENARIO_OUTCOMES[scenario_id]}
    assert got == SCENARIO_OUTCOMES[scenario_id]


# --- no decorative challenges ---------------------------------------------------------


def test_each_challenge_alone_changes_an_argument_or_conclusion(debate):
    before = starting_labels(debate)
    derived = set(debate.argument_by_id) | set(debate.conclusion_ids)
    for sid in editorial_ids(debate):
        choices = debate.starting_choices()
        choices[sid] = "accepted"
        after = evaluate(debate, choices)
        changed = {k for k in derived if after[k] != before[k]}
        assert changed, f"granting {sid} changes no argument or conclusion"


@pytest.mark.parametrize("challenge", sorted(CHALLENGE_ALONE))
def test_challenge_alone_has_its_documented_effect(debate, challenge):
    assert set(CHALLENGE_ALONE) == set(editorial_ids(debate))
    choices = debate.starting_choices()
    choices[challenge] = "accepted"
    labels = evaluate(debate, choices)
    assert labels[challenge] == "in"
    got = {k: labels[k] for k in CHALLENGE_ALONE[challenge]}
    assert got == CHALLENGE_ALONE[challenge]


def test_raising_a_critical_question_undercuts_its_argument(debate):
    """The essay's critical questions are givens, not raised at the start; raising one
    (the format's "Critical questions") defeats its argument, leaving it open leaves it
    undecided, and neither touches the other arguments."""
    start = evaluate(debate)
    assert debate.questions and all(debate.starting_choices()[q.id] == "rejected" for q in debate.questions)
    assert all(start[q.id] == "out" for q in debate.questions)
    q = debate.argument_by_id["heartbleed-analogy"].questions[1]
    assert q.id == "heartbleed-analogy-q2" and q.text.startswith("Is there a relevant difference?")
    assert start["heartbleed-analogy"] == "in"
    raised = evaluate(debate, {q.id: "accepted"})
    assert raised[q.id] == "in" and raised["heartbleed-analogy"] == "out"
    # The other route (the closed-OS analogy) still carries the conclusion.
    assert raised["closed-os-analogy"] == "in" and raised["open-ai-exposes-flaws"] == "in"
    assert {k: v for k, v in raised.items() if k not in (q.id, "heartbleed-analogy")} == {
        k: v for k, v in start.items() if k not in (q.id, "heartbleed-analogy")
    }
    opened = evaluate(debate, {q.id: "unsure"})
    assert opened[q.id] == "undecided" and opened["heartbleed-analogy"] == "undecided"
    assert opened["open-ai-exposes-flaws"] == "in"
