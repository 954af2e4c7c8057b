"""graph.outline: the whole argument as nested HTML lists, with a control per given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.synthetic import make_debate
from graph.choices import Choices, choices_from_scenario
from graph.component import component_source
from graph.evaluate import evaluate
from graph.load import load_debate
from graph.model import Debate
from graph.outline import MAX_LEVEL, OUTLINE_TITLE, outline_css, outline_html, outline_state
from graph.status import STATUSES, Choice, status_phrase
from graph.wording import CHOICE_LABELS, QUESTION_LABELS
from tests.builders import build_debate

ESSAY = load_debate(Path(__file__).parent.parent / "content" / "open-source-ai-safety.yaml")
VOID = frozenset({"input", "br", "img", "hr", "meta", "link", "wbr", "source", "area", "col", "embed", "track"})


# ----------------------------------------------------------- the parser ---
@dataclass
class Node:
    """One element of the parsed markup."""

    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> list[Node]:
        out: list[Node] = []
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))
        return out

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def item_children(self) -> list[Node]:
        """The items directly under this item: the ``li`` of its own ``ul``."""
        return [
            li
            for ul in self.children
            if isinstance(ul, Node) and ul.tag == "ul"
            for li in ul.children
            if isinstance(li, Node) and li.tag == "li"
        ]

    def own(self, cls: str) -> Node | None:
        """The first direct child with class ``cls``."""
        return next((c for c in self.children if isinstance(c, Node) and cls in c.classes()), None)


class TreeBuilder(HTMLParser):
    """The markup as a tree of :class:`Node`; strict about closing tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_endtag(self, tag: str) -> None:
        assert self.open.tag == tag, f"</{tag}> closes <{self.open.tag}>"
        assert self.open.parent is not None
        self.open = self.open.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)


def parse(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.open is builder.root, "an element is left open"
    return builder.root


@dataclass
class Outline:
    """A parsed outline and its items by id."""

    root: Node
    full: dict[str, Node]  # id -> the item showing it in full
    refs: dict[str, list[Node]]  # id -> the items naming it ("see above/below")
    items: list[Node]

    def parent_item(self, node: Node) -> Node | None:
        up = node.parent
        while up is not None and not (up.tag == "li" and "data-of" in up.attrs):
            up = up.parent
        return up


def outline(debate: Debate, choices: dict[str, Choice] | Choices | None = None) -> Outline:
    chosen = dict(choices) if choices is not None else debate.starting_choices()
    root = parse(outline_html(debate, evaluate(debate, chosen), chosen))
    items = [n for n in root.walk() if n.tag == "li" and "data-of" in n.attrs]
    full: dict[str, Node] = {}
    refs: dict[str, list[Node]] = {}
    for li in items:
        node = str(li.attrs["data-of"])
        if "ref" in li.classes():
            refs.setdefault(node, []).append(li)
        else:
            assert node not in full, f"{node} is shown in full twice"
            full[node] = li
    return Outline(root, full, refs, items)


def visible_text(root: Node) -> str:
    return root.text()


def own_words(debate: Debate, root: Node) -> str:
    """The visible text without any text the debate file wrote (texts,
    quotes, notes): the words the outline itself adds."""
    text = visible_text(root)
    written = [s.text for s in debate.statements] + [s.quote or "" for s in debate.statements]
    written += [s.note or "" for s in debate.statements] + [q.text for q in debate.questions]
    written += [q.note or "" for q in debate.questions] + [a.note or "" for a in debate.attacks]
    for piece in sorted(filter(None, written), key=len, reverse=True):
        text = text.replace(piece, "\n")
    return text


def every_node(debate: Debate) -> list[str]:
    return [s.id for s in debate.statements] + [a.id for a in debate.arguments] + [q.id for q in debate.questions]


def essay_choice_sets() -> list[dict[str, Choice]]:
    """The start, every scenario, all accepted, all unsure, and a mixed set."""
    start = ESSAY.starting_choices()
    sets: list[dict[str, Choice]] = [start]
    sets += [dict(choices_from_scenario(ESSAY, sc.id)) for sc in ESSAY.scenarios]
    sets.append(dict.fromkeys(ESSAY.given_ids, "accepted"))
    sets.append(dict.fromkeys(ESSAY.given_ids, "unsure"))
    sets.append(dict(start, **{"leaks-expose-closed-flaws": "rejected", "linux-collaboration-analogy-q1": "accepted"}))
    return sets


CHOICE_SET_NAMES = ["start", *(sc.id for sc in ESSAY.scenarios), "all-accepted", "all-unsure", "mixed"]


# ------------------------------------------------------------ the essay ---
def test_every_statement_argument_and_question_of_the_essay_is_shown_in_full_once():
    o = outline(ESSAY)
    assert set(o.full) == set(every_node(ESSAY))
    for s in ESSAY.statements:
        text = o.full[s.id].own("text")
        assert text is not None and text.text() == s.text
        assert text.attrs["id"] == f"outline-t-{s.id}"
    for q in ESSAY.questions:
        text = o.full[q.id].own("text")
        assert text is not None and text.text() == q.text


def test_the_thesis_comes_first_under_its_own_heading_then_the_other_conclusions():
    o = outline(ESSAY)
    headings = [n for n in o.root.walk() if n.tag in ("h3", "h4")]
    assert [(h.tag, h.text()) for h in headings] == [
        ("h3", OUTLINE_TITLE),
        ("h4", "The thesis and its reasons"),
        ("h4", "Other conclusions"),
    ]
    assert o.items[0].attrs["data-of"] == ESSAY.thesis
    assert "thesis" in o.items[0].classes()
    assert o.full[str(ESSAY.thesis)].own("kind").text() == "Thesis"
    # what the thesis does not reach comes after it, at the top of the second list
    tops = [li.attrs["data-of"] for li in o.items if o.parent_item(li) is None]
    assert tops == [ESSAY.thesis, "path-to-safe-ai", "collective-responsibility"]


def test_the_outline_is_a_landmark_named_by_its_heading():
    o = outline(ESSAY)
    section = next(n for n in o.root.walk() if n.tag == "section")
    assert section is o.root.children[0]
    heading = next(n for n in section.walk() if n.attrs.get("id") == section.attrs["aria-labelledby"])
    assert heading.tag == "h3" and heading.text() == OUTLINE_TITLE
    ids = [n.attrs["id"] for n in o.root.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    for fieldset in (n for n in o.root.walk() if n.tag == "fieldset"):
        assert fieldset.attrs["aria-describedby"] in ids


def test_nesting_follows_the_support_and_attack_structure():
    o = outline(ESSAY)
    for a in ESSAY.arguments:
        item = o.full[a.id]
        assert o.parent_item(item) is o.full[a.conclusion]
        under = [li.attrs["data-of"] for li in item.item_children()]
        assert under == [*a.premises, *ESSAY.attackers_of.get(a.id, ()), *(q.id for q in a.questions)]
    for q in ESSAY.questions:
        assert o.parent_item(o.full[q.id]) is o.full[q.argument]
    for s in ESSAY.statements:
        under = [li.attrs["data-of"] for li in o.full[s.id].item_children()]
        assert under == [*ESSAY.arguments_for.get(s.id, ()), *ESSAY.attackers_of.get(s.id, ())]
    for at in ESSAY.attacks:  # every attack is listed under its target, as a challenge
        named = [li for li in o.full[at.target].item_children() if li.attrs["data-of"] == at.by]
        assert len(named) == 1
        assert named[0].own("kind").text().startswith("Challenge")
    # a reason says how many there are and that its premises are all needed
    reason = o.full["research-direct"]
    assert reason.own("kind").text() == "Reason 1 of 4"
    assert "it rests on all of these together:" in reason.text()
    assert "Reason 1 of 2 (by analogy) — it rests on:" in o.full["heartbleed-analogy"].text()
    assert "Reason (by analogy) — it rests on:" in o.full["linux-collaboration-analogy"].text()


def test_a_statement_shown_elsewhere_is_named_by_its_text_above():
    o = outline(ESSAY)
    order = {id(li): k for k, li in enumerate(o.items)}
    assert o.refs  # the essay shares premises (leaks-expose-closed-flaws, weights-cannot-be-recalled, ...)
    for node, refs in o.refs.items():
        text = ESSAY.statement_by_id[node].text
        for ref in refs:
            assert f"see above: “{text}”" in ref.text()
            assert order[id(ref)] > order[id(o.full[node])]
            assert not ref.item_children()
            assert not [n for n in ref.walk() if n.tag == "fieldset"]


@pytest.mark.parametrize("choices", essay_choice_sets(), ids=CHOICE_SET_NAMES)
def test_statuses_in_words_match_the_engine(choices):
    statuses = evaluate(ESSAY, choices)
    o = outline(ESSAY, choices)
    assert o.items
    for li in o.items:
        node = str(li.attrs["data-of"])
        assert li.attrs["data-status"] == statuses[node]
        words = li.own("status")
        assert words is not None and words.text() == status_phrase(statuses[node])


@pytest.mark.parametrize("choices", essay_choice_sets()[:3], ids=CHOICE_SET_NAMES[:3])
def test_every_given_has_one_control_reflecting_its_choice(choices):
    o = outline(ESSAY, choices)
    groups = {n.attrs["data-given"]: n for n in o.root.walk() if n.tag == "fieldset"}
    assert set(groups) == set(ESSAY.given_ids)
    for gid, group in groups.items():
        assert o.parent_item(group) is o.full[gid]
        legend = group.children[0]
        assert isinstance(legend, Node) and legend.tag == "legend" and legend.text() == "Your choice"
        radios = [n for n in group.walk() if n.tag == "input"]
        assert {r.attrs["type"] for r in radios} == {"radio"}
        assert {r.attrs["name"] for r in radios} == {f"outline-choice-{gid}"}
        labels = QUESTION_LABELS if gid in ESSAY.question_by_id else CHOICE_LABELS
        assert [r.attrs["value"] for r in radios] == list(labels)
        assert [r.parent.text().strip() for r in radios] == list(labels.values())
        assert [r.attrs["value"] for r in radios if "checked" in r.attrs] == [choices[gid]]


def test_no_id_of_the_debate_is_in_the_visible_text():
    for choices in essay_choice_sets()[:2]:
        text = own_words(ESSAY, outline(ESSAY, choices).root)
        assert "Reason" in text and "see above" in text
        for node in every_node(ESSAY):
            assert not re.search(rf"(?<![\w-]){re.escape(node)}(?![\w-])", text), node


def test_quotes_and_notes_are_whole_and_on_demand():
    o = outline(ESSAY)
    for s in ESSAY.statements:
        details = {d.children[0].text(): d for d in o.full[s.id].children if isinstance(d, Node) and d.tag == "details"}
        if s.quote:
            assert details["Quote"].children[1].text() == f"“{s.quote}”"
        else:
            assert "Quote" not in details
        if s.note:
            assert details["Note"].children[1].text() == s.note
    answer = o.full["restriction-fails"]
    notes = [d for d in answer.children if isinstance(d, Node) and d.tag == "details"]
    assert notes[-1].children[0].text() == "Note on this challenge"
    assert notes[-1].text().endswith("is unlikely to achieve safety in the long run.")


def test_objections_are_called_challenges():
    o = outline(ESSAY)
    for s in ESSAY.statements:
        if s.kind == "objection":
            kind = o.full[s.id].own("kind")
            assert kind is not None and kind.text().startswith("Challenge")
    assert "objection" not in own_words(ESSAY, o.root).lower()
    assert "Challenge (a conclusion): Restricting access" in o.full["restriction-fails"].text()
    assert "(not in the essay)" in o.full["heartbleed-was-openssl"].own("kind").text()


# ------------------------------------------------------------- hostile ---
HOSTILE_TEXTS = {
    "p": "<script>alert('p')</script> see https://evil.example",
    "x": '<a href="https://evil.example">click</a> [x](javascript:alert(1))',
    "c": "<img src=https://evil.example/c.png onerror=alert(1)> C &amp; D",
}


def hostile_debate() -> Debate:
    return build_debate(
        [
            (
                "p",
                "premise",
                {"text": HOSTILE_TEXTS["p"], "quote": "</details><script>q</script>", "note": "www.evil.example"},
            ),
            ("x", "objection", {"text": HOSTILE_TEXTS["x"], "editorial": True}),
            ("c", "conclusion", {"text": HOSTILE_TEXTS["c"]}),
        ],
        [("a", "c", ["p"], {"critical_questions": ['"><script>cq</script>']})],
        [("x", "a", {"note": "<b>bold</b>"})],
        thesis="c",
    )


def test_hostile_text_stays_text_and_nothing_becomes_a_link():
    d = hostile_debate()
    markup = outline_html(d, evaluate(d), d.starting_choices())
    root = parse(markup)
    tags = {n.tag for n in root.walk()}
    assert tags <= {
        "#root",
        "section",
        "h3",
        "h4",
        "p",
        "ul",
        "li",
        "strong",
        "span",
        "fieldset",
        "legend",
        "label",
        "input",
        "details",
        "summary",
    }
    assert 'href="' not in markup and "<script" not in markup and "<a " not in markup
    assert not any(k.startswith("on") for n in root.walk() for k in n.attrs)
    text = visible_text(root)
    for hostile in HOSTILE_TEXTS.values():
        assert hostile in text  # read back exactly, as text
    assert "</details><script>q</script>" in text and '"><script>cq</script>' in text and "<b>bold</b>" in text


def test_the_page_file_with_hostile_texts_is_escaped_too():
    d = load_debate(Path(__file__).parent / "fixtures" / "app" / "hostile.yaml")
    root = parse(outline_html(d, evaluate(d), d.starting_choices()))
    assert {n.tag for n in root.walk()}.isdisjoint({"script", "img", "a"})
    assert "<script>alert('p')</script> P href" in visible_text(root)


# --------------------------------------------------- sharing and cycles ---
def test_a_shared_premise_is_written_once_and_named_elsewhere():
    d = build_debate(
        [("p", "premise"), ("q", "premise"), ("c1", "conclusion"), ("c2", "conclusion"), ("t", "conclusion")],
        [("a1", "c1", ["p"]), ("a2", "c2", ["p", "q"]), ("a3", "t", ["c1", "c2"])],
        thesis="t",
    )
    o = outline(d)
    assert set(o.full) == set(every_node(d))
    assert [o.parent_item(r) for r in o.refs["p"]] == [o.full["a2"]]
    assert "see above: “P”" in o.refs["p"][0].text()


def test_attack_cycles_and_self_attacks_terminate():
    d = build_debate(
        [
            ("t", "conclusion"),
            ("p", "premise"),
            ("x", "objection", True),
            ("y", "objection", True),
            ("z", "objection", True),
            ("s", "objection", True),
        ],
        [("a", "t", ["p"])],
        [("x", "t"), ("y", "x"), ("z", "y"), ("x", "z"), ("s", "s"), ("s", "a")],
        thesis="t",
    )
    o = outline(d)
    assert set(o.full) == set(every_node(d))
    # t <- x <- y <- z <- x: the second x is a reference, under z
    assert [o.parent_item(r) for r in o.refs["x"]] == [o.full["z"]]
    assert [o.parent_item(r) for r in o.refs["s"]] == [o.full["s"]]
    statuses = evaluate(d)
    assert o.full["x"].own("status").text() == status_phrase(statuses["x"])


def test_a_deep_chain_is_continued_below_and_nests_at_most_max_level():
    n = 3 * MAX_LEVEL
    statements = [("p", "premise")] + [(f"c{i}", "conclusion") for i in range(n)]
    arguments = [("a0", "c0", ["p"])] + [(f"a{i}", f"c{i}", [f"c{i - 1}"]) for i in range(1, n)]
    d = build_debate(statements, arguments, thesis=f"c{n - 1}")
    o = outline(d)
    assert set(o.full) == set(every_node(d))
    order = {id(li): k for k, li in enumerate(o.items)}
    for li in o.items:
        level, up = 1, o.parent_item(li)
        while up is not None:
            level, up = level + 1, o.parent_item(up)
        assert level <= MAX_LEVEL + 1  # a reason nests one below its conclusion
    continued = [li for li in o.full.values() if "Continued from above" in li.own("kind").text()]
    assert continued
    for li in continued:
        node = str(li.attrs["data-of"])
        assert o.parent_item(li) is None
        (ref,) = o.refs[node]
        assert "see below: “" in ref.text() and order[id(ref)] < order[id(li)]


def test_no_thesis_and_unused_givens():
    d = build_debate(
        [("p", "premise"), ("c", "conclusion"), ("d", "conclusion"), ("u", "premise"), ("x", "objection")],
        [("a", "c", ["p"]), ("b", "d", ["c"])],
        [("x", "u")],
    )
    o = outline(d)
    assert [h.text() for h in o.root.walk() if h.tag == "h4"] == ["Conclusions", "Givens no reason uses"]
    tops = [li.attrs["data-of"] for li in o.items if o.parent_item(li) is None]
    assert tops == ["d", "u"]  # d rests on c; x challenges u, so it nests under it
    assert o.parent_item(o.full["x"]) is o.full["u"]


def test_the_synthetic_thousand_statement_debate_shows_everything_once():
    d = make_debate(1000)
    o = outline(d)
    assert set(o.full) == set(every_node(d))
    assert len({n.attrs["data-given"] for n in o.root.walk() if n.tag == "fieldset"}) == len(d.given_ids)


# ------------------------------------------------------- page updates ---
def test_outline_state_carries_every_status_and_choice():
    choices = dict(choices_from_scenario(ESSAY, ESSAY.scenarios[1].id))
    statuses = evaluate(ESSAY, choices)
    state = outline_state(ESSAY, statuses, choices)
    assert state["statuses"] == {node: statuses[node] for node in every_node(ESSAY)}
    assert state["choices"] == {g: choices[g] for g in ESSAY.given_ids}
    assert state["phrases"] == {s: status_phrase(s) for s in STATUSES}


def test_the_outline_markup_depends_on_the_choices_only_through_statuses_and_checks():
    start = ESSAY.starting_choices()
    other = dict.fromkeys(ESSAY.given_ids, "unsure")
    strip = re.compile(r' checked|data-status="[a-z]+"|<strong class="status">[^<]*</strong>')
    one = outline_html(ESSAY, evaluate(ESSAY, start), start)
    two = outline_html(ESSAY, evaluate(ESSAY, other), other)
    assert one != two and strip.sub("", one) == strip.sub("", two)


def test_the_styles_and_script_use_the_markups_names():
    css = outline_css()
    for status in STATUSES:
        assert f'li.item[data-status="{status}"]' in css
    script = component_source("outline.js")
    for name in ("li[data-of]", "fieldset[data-given]", '"choice"', '"need"', "data-status"):
        assert name in script
    assert "innerHTML = markup" in script  # only the markup built by graph/outline.py
