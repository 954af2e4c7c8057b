"""graph.essay: the source text with quoted spans marked by status, escaped."""

from __future__ import annotations

import html as htmllib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.essay import STATUS_STYLE, essay_css, essay_markup, essay_statuses, quote_spans
from graph.model import Debate
from tests.builders import build_debate

TEXT = "Intro line.\n\nP is true <b>really</b>, and Q is true, so C.\n\nThe end & more."


def quoting_debate(quotes: dict[str, str | None], text: str = TEXT) -> Debate:
    """Premises quoting ``quotes`` (id -> quote) and c ("so C") concluded from all of them."""
    return build_debate(
        [(i, "premise", {"text": f"statement {i}", "line": 1, "quote": q}) for i, q in quotes.items()]
        + [("c", "conclusion", {"text": "C", "line": 2, "quote": "so C"})],
        [("a", "c", list(quotes), {"line": 3})],
        source_text=text,
    )


def visible_text(html: str) -> str:
    html = re.sub(r"<sup[^>]*>.*?</sup>", "", html)
    html = html.replace("</p><p>", "\n\n")
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


def test_spans_point_at_the_quotes():
    d = quoting_debate({"p": "P is true", "q": "Q is true"})
    spans = quote_spans(d)
    assert [(TEXT[s.start : s.end], s.statement_id) for s in spans] == [
        ("P is true", "p"),
        ("Q is true", "q"),
        ("so C", "c"),
    ]


def shown_status(markup: str, statuses: dict[str, str]) -> dict[str, str]:
    """statement id -> the status word its tag shows: the page sets each tag's
    data-status from ``statuses``, and essay_css's rule for it gives the word."""
    words = dict(re.findall(r'sup\.essay-tag\[data-status="(\w+)"\]::before\{content:"\S+ ([a-z ]+) ";\}', essay_css()))
    tags = re.findall(r'<sup class="essay-tag" data-statement="([^"]+)"', markup)
    return {sid: words[statuses[sid]] for sid in tags}


def test_marks_carry_the_statement_and_the_styles_its_status():
    d = quoting_debate({"p": "P is true", "q": "Q is true"})
    out = essay_markup(d)
    marks = re.findall(r'<mark class="essay-q" data-statement="([^"]+)"', out)
    assert marks == ["p", "q", "c"]
    statuses = essay_statuses(d, {"p": "in", "q": "out", "c": "undecided"})
    assert shown_status(out, statuses) == {"p": "holds", "q": "does not hold", "c": "undecided"}
    css = essay_css()
    assert "dashed" in css and "dotted" in css and "solid" in css  # not colour alone
    assert "[1 premise]" in out and "[2 premise]" in out


def test_only_the_statuses_change_with_the_labels():
    d = quoting_debate({"p": "P is true", "q": "Q is true"})
    one = essay_statuses(d, {"p": "in", "q": "in", "c": "in"})
    two = essay_statuses(d, {"p": "out", "q": "undecided", "c": "out"})
    assert one != two and set(one) == set(two) == {"p", "q", "c"}


def test_text_is_escaped_and_nothing_is_lost():
    d = quoting_debate({"p": "P is true <b>really</b>"})
    out = essay_markup(d)
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert visible_text(out).replace("\n\n", " ") == " ".join(TEXT.split("\n\n"))


def test_overlapping_quotes_mark_the_innermost():
    d = quoting_debate({"p": "P is true <b>really</b>, and Q is true", "q": "Q is true"})
    out = essay_markup(d)
    statements = re.findall(r'<mark class="essay-q" data-statement="([^"]+)"', out)
    assert statements == ["p", "q", "c"]
    assert visible_text(out).replace("\n\n", " ") == " ".join(TEXT.split("\n\n"))


def test_no_source_text_gives_nothing():
    d = quoting_debate({"p": "P is true"}, text="")
    assert essay_markup(d) == ""
    assert essay_statuses(d, {}) == {}


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab<>&\"' \n"), min_size=1, max_size=80), st.data())
def test_property_any_text_any_quotes_round_trip(text, data):
    quotes = {}
    for i in range(data.draw(st.integers(0, 3))):
        a = data.draw(st.integers(0, len(text) - 1))
        b = data.draw(st.integers(a + 1, len(text)))
        quotes[f"s{i}"] = text[a:b]
    d = build_debate(
        [(k, "premise", {"text": k, "line": 1, "quote": q}) for k, q in quotes.items()], path="t", source_text=text
    )
    out = essay_markup(d)
    assert "<" not in re.sub(r"</?(p|mark|sup|div)\b[^>]*>", "", out)  # only our tags
    assert " ".join(visible_text(out).split()) == " ".join(text.split())
    if not any("\n\n" in q for q in quotes.values()):
        # paragraphs are kept (a quote across a blank line joins its two paragraphs)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        got = [" ".join(p.split()) for p in visible_text(out).split("\n\n") if p.strip()]
        assert got == paragraphs


def test_essay_statuses_and_css_draw_every_status():
    d = quoting_debate({"p": "P is true", "q": "Q is true"})
    labels = {"p": "out", "q": "in", "c": "undecided", "a": "in"}
    assert essay_statuses(d, labels) == {"p": "out", "q": "in", "c": "undecided"}
    assert essay_statuses(d, {}) == {"p": "undecided", "q": "undecided", "c": "undecided"}
    css = essay_css()
    for status, style in STATUS_STYLE.items():
        assert f'.essay mark.essay-q[data-status="{status}"]{{{style}}}' in css
        assert f'.essay sup.essay-tag[data-status="{status}"]::before' in css
    assert "<" not in css and "\n" in css  # inline CSS, never mistaken for a file path
