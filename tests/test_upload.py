"""graph/upload.py: a debate of the reader's own (upload or paste), its downloads and its ``?src=`` links."""

from __future__ import annotations

import base64
import dataclasses
import re
import time
import tracemalloc
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graph.load
from graph.convert import export_yaml, import_file
from graph.evaluate import evaluate
from graph.link import share_url
from graph.load import MAX_BYTES, load_debate
from graph.model import Debate, DebateError
from graph.upload import (
    DEFAULT_NAME,
    FORMATS,
    MAX_LINK_CHARS,
    MAX_LINK_SOURCE_BYTES,
    MAX_NAME_CHARS,
    SourceLinkError,
    TooLargeForLink,
    clean_name,
    decode_source,
    detect_format,
    download_files,
    encode_source,
    open_link,
    open_text,
    source_query,
)
from tests.strategies import choices_for

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "upload"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "interop-samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared/interop-samples is not beside the repository")
ESSAY = ROOT / "content" / "open-source-ai-safety.yaml"
SRC = 'Link parameter "src"'


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def opened(name: str, data: bytes) -> tuple[Debate, list[str]]:
    debate, errors, warnings = open_text(name, data)
    assert errors == [], [str(e) for e in errors]
    assert debate is not None
    return debate, warnings


def refused(name: str, data: bytes) -> list[str]:
    debate, errors, _ = open_text(name, data)
    assert debate is None
    return [str(e) for e in errors]


def counts(d: Debate) -> tuple[int, int, int, int]:
    return len(d.statements), len(d.conclusion_ids), len(d.arguments), len(d.attacks)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


# --------------------------------------------------------------------------- every format opens

# statements / conclusions / arguments / attacks, as docs/interop.md predicts them.
SAMPLE_COUNTS = {
    "argdown/argdown-primer.argdown": (22, 5, 7, 5),
    "argdown/intro.argdown": (19, 5, 5, 5),
    "argdown/lexer-comment.argdown": (5, 1, 1, 0),
    "argdown/parser-arguments.argdown": (13, 7, 7, 1),
    "argdown/veggie-debate.argdown": (53, 13, 34, 26),
    "aif/araucaria-nodeset128.json": (10, 5, 5, 0),
    "aif/qt30-nodeset18762.json": (7, 2, 4, 1),
}


@needs_samples
@pytest.mark.parametrize("sample", sorted(SAMPLE_COUNTS))
def test_every_sample_opens_as_the_command_line_imports_it(sample, tmp_path):
    path = SAMPLES / sample
    debate, warnings = opened(path.name, path.read_bytes())
    assert counts(debate) == SAMPLE_COUNTS[sample]
    # The command line's import, written and checked: the same debate, the same warnings.
    text, cli_warnings = import_file(str(path), out_dir=str(tmp_path))
    written = tmp_path / "imported.yaml"
    written.write_text(text, encoding="utf-8")
    cli = load_debate(written)
    assert (debate.title, debate.statements, debate.arguments, debate.attacks, debate.scenarios) == (
        cli.title,
        cli.statements,
        cli.arguments,
        cli.attacks,
        cli.scenarios,
    )
    assert warnings == [w.replace(str(path), path.name) for w in cli_warnings]
    assert debate.path == path.name


@needs_samples
@pytest.mark.parametrize("sample", sorted(SAMPLE_COUNTS))
def test_a_pasted_sample_is_told_by_its_content(sample):
    data = (SAMPLES / sample).read_bytes()
    assert detect_format(DEFAULT_NAME, data) == ("aif" if sample.startswith("aif/") else "argdown")
    debate, _ = opened(DEFAULT_NAME, data)
    by_name, _ = opened(Path(sample).name, data)
    assert (debate.statements, debate.arguments, debate.attacks) == (
        by_name.statements,
        by_name.arguments,
        by_name.attacks,
    )


def test_the_essay_opens_without_its_source_text():
    debate, warnings = opened("open-source-ai-safety.yaml", ESSAY.read_bytes())
    essay = load_debate(ESSAY)
    assert warnings == [
        "open-source-ai-safety.yaml:6: warning: source.text 'open-source-ai-safety.txt' and its 26 quotes are"
        " left out: a debate opened in the page cannot read files, so they cannot be checked against it"
    ]
    assert debate.statements == tuple(dataclasses.replace(s, quote=None) for s in essay.statements)
    assert (debate.arguments, debate.attacks, debate.scenarios, debate.thesis, debate.title) == (
        essay.arguments,
        essay.attacks,
        essay.scenarios,
        essay.thesis,
        essay.title,
    )
    assert debate.source is None and debate.source_text is None
    assert evaluate(debate) == evaluate(essay)


def test_a_source_keeps_its_author_when_its_text_is_left_out():
    debate, warnings = opened("source-author.yaml", fixture("source-author.yaml"))
    assert warnings == [
        "source-author.yaml:4: warning: source.text 'essay.txt' and its quote are left out: a debate opened"
        " in the page cannot read files, so it cannot be checked against it"
    ]
    assert debate.source is not None
    assert (debate.source.text, debate.source.author) == (None, "Someone")
    assert debate.statement_by_id["p"].quote is None


def test_an_argdown_front_matter_source_is_left_out_too():
    text = b"===\ntitle: T\nsource:\n  text: essay.txt\n===\n\n[A]: A.\n  <+ [B]: B.\n"
    debate, warnings = opened("front.argdown", text)
    assert debate.source is None
    assert warnings == [
        "front.argdown: warning: source.text 'essay.txt' is left out: a debate opened in the page"
        " cannot read files, so it is not read"
    ]


def test_the_format_is_told_by_the_extension_then_by_the_content():
    yaml_text = fixture("fails-check.yaml")
    assert [detect_format(n, b"") for n in ("a.yaml", "b.YML", "c.argdown", "d.ad", "e.json")] == [
        "yaml",
        "yaml",
        "argdown",
        "argdown",
        "aif",
    ]
    assert detect_format("x.json", yaml_text) == "aif"  # the extension wins
    assert detect_format("x.txt", yaml_text) == "yaml"
    assert detect_format("x", b"\xef\xbb\xbf \n {}") == "aif"
    assert detect_format("x", b"# comment\nstatements: []\n") == "yaml"
    assert detect_format("x", b"===\nformat: x\n===\n[A]: a") == "argdown"
    assert detect_format("x", b"# A heading\n\n[A]: a") == "argdown"


# --------------------------------------------------------------------------- bad input: exact messages


def test_a_yaml_syntax_error_is_at_its_line():
    expected = "not YAML: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 5)"
    assert refused("bad-yaml.yaml", fixture("bad-yaml.yaml")) == [f"bad-yaml.yaml:6: {expected}"]
    assert refused("pasted", fixture("bad-yaml.yaml")) == [f"pasted:6: {expected}"]


def test_an_argdown_syntax_error_is_at_its_line():
    expected = (
        "incomplete bold text: close it with '**', or escape the character with a backslash ('\\*')"
        " to write it as it is"
    )
    assert refused("bad-argdown.argdown", fixture("bad-argdown.argdown")) == [f"bad-argdown.argdown:3: {expected}"]
    assert refused("pasted.argdown", fixture("bad-argdown.argdown")) == [f"pasted.argdown:3: {expected}"]


def test_an_aif_dangling_edge_is_a_warning_and_the_rest_opens():
    debate, warnings = opened("dangling-edge.json", fixture("dangling-edge.json"))
    assert warnings == ["dangling-edge.json: edge 3: warning: fromID '99' names no node; edge ignored"]
    assert counts(debate) == (2, 1, 1, 0)


def test_a_file_that_fails_check_gets_every_error_at_its_line():
    assert refused("fails-check.yaml", fixture("fails-check.yaml")) == [
        "fails-check.yaml:6: statements[2].kind: unknown kind 'hunch'"
        " (expected premise, analogy, example, objection or conclusion)",
        "fails-check.yaml:8: arguments[0].premises[1]: 'nothing' names no statement",
    ]
    assert refused("quote-without-source.yaml", fixture("quote-without-source.yaml")) == [
        "quote-without-source.yaml:4: statements[0].quote: a quote needs a source text (add source: text: FILE)"
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.yaml", "the file is empty (expected 'format: debate/1' and the rest)"),
        ("empty.argdown", "empty Argdown document: no statement, argument or heading (only comments or white space)"),
        ("empty.json", 'the file is empty (expected AIF JSON: {"nodes": [...], "edges": [...]})'),
        ("blank.txt", "the file is empty (expected a debate/1 YAML file, an Argdown file or AIF JSON)"),
    ],
)
def test_an_empty_file_is_refused_by_its_format(name, message):
    assert refused(name, fixture(name)) == [f"{name}:1: {message}"]


def test_an_empty_paste_is_refused():
    expected = "pasted:1: the file is empty (expected a debate/1 YAML file, an Argdown file or AIF JSON)"
    assert refused("", b"") == [expected]
    assert refused("pasted", b" \n\t\n") == [expected]


@pytest.mark.parametrize("name", ["huge.yaml", "huge.argdown", "huge.json", "pasted"])
def test_a_file_over_2_mib_is_refused_before_parsing(name):
    data = b"[a]: a\n" * (MAX_BYTES // 7 + 1)
    start = time.perf_counter()
    assert refused(name, data) == [
        f"{name}:1: file is {len(data)} bytes, larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
    ]
    assert time.perf_counter() - start < 0.5


def test_binary_garbage_and_other_encodings_are_refused():
    assert refused("garbage.bin", fixture("garbage.bin")) == [
        "garbage.bin:3: not a text file: byte 0x00 at line 3 (expected a debate/1 YAML file, an Argdown file or AIF JSON)"
    ]
    assert refused("latin1.txt", fixture("latin1.txt")) == [
        "latin1.txt:1: not UTF-8: byte 0xe9 cannot be decoded (save the file as UTF-8)"
    ]
    # Named by its extension, a file gets its format's own message.
    assert refused("latin1.argdown", fixture("latin1.txt")) == ["latin1.argdown:1: byte 0xe9 at line 1 is not UTF-8"]
    assert refused("garbage.yaml", fixture("garbage.bin")) == [
        "garbage.yaml:1: not UTF-8: byte 0x89 cannot be decoded (save the file as UTF-8)"
    ]


def test_errors_and_warnings_are_capped():
    lines = ["format: debate/1", "title: Many errors", "statements:"]
    lines += [f"  - {{id: s{i}, kind: hunch, text: S}}" for i in range(300)]
    lines += ["arguments: []"]
    errors = refused("many.yaml", "\n".join(lines).encode())
    assert len(errors) == graph.load.MAX_ERRORS + 1
    assert errors[-1] == "many.yaml:104: and 200 more errors (only the first 100 are listed; fix those and check again)"
    nodes = '{"nodeID": "1", "text": "A", "type": "I"}'
    edges = ", ".join(f'{{"edgeID": "{i}", "fromID": "x{i}", "toID": "1"}}' for i in range(300))
    _, warnings = opened("many.json", f'{{"nodes": [{nodes}], "edges": [{edges}]}}'.encode())
    assert len(warnings) == graph.load.MAX_ERRORS + 1
    assert warnings[-1] == "and 200 more warnings (only the first 100 are listed)"


def test_an_unexpected_failure_is_one_message_not_a_traceback(monkeypatch):
    def broken(data: bytes, name: str) -> None:
        raise RecursionError("deep")

    monkeypatch.setattr("graph.upload.check_data", broken)
    assert open_text("x.yaml", b"format: debate/1") == (
        None,
        [DebateError("x.yaml", 1, "could not be opened (an unexpected error; please report it)")],
        [],
    )


def test_names_are_cleaned_and_name_no_file():
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("C:\\Users\\me\\map.argdown") == "map.argdown"
    assert clean_name("\x1b[31mred\r\n.yaml") == "?[31mred??.yaml"
    assert [clean_name(n) for n in ("", "  ", "..", "dir/")] == [DEFAULT_NAME, DEFAULT_NAME, DEFAULT_NAME, "dir"]
    long = clean_name("x" * 500 + ".argdown")
    assert len(long) == MAX_NAME_CHARS and long.endswith("….argdown")
    # The name in messages is the cleaned one.
    assert refused("../\x1bbad.yaml", fixture("bad-yaml.yaml"))[0].startswith("?bad.yaml:6: not YAML")


# --------------------------------------------------------------------------- hostile text stays text


def test_a_hostile_debate_comes_back_as_the_very_same_text():
    debate, warnings = opened("hostile.yaml", fixture("hostile.yaml"))
    assert warnings == []
    assert debate.title == "<script>alert('title')</script> **bold** [link](javascript:alert(1))"
    p = debate.statement_by_id["p"]
    assert p.text == "<img src=x onerror=alert(1)> and `code` and \x1b[31mred\x1b[0m"
    assert p.note == "<b>not bold</b>\r\nsecond line"
    assert debate.statement_by_id["c"].text == "<a href='https://evil.example'>click</a>"
    assert debate.arguments[0].critical_questions == ("<iframe src=//evil.example>?",)
    assert debate.scenarios[0].title == "<style>body{display:none}</style>"
    # Through a link too: the same data, nothing escaped, nothing interpreted.
    link = open_link({"src": encode_source(fixture("hostile.yaml"), "yaml", "hostile.yaml")})
    assert link is not None and link.debate is not None
    assert link.debate.statements == debate.statements and link.debate.title == debate.title


def test_hostile_messages_are_printable_lines():
    data = b'format: debate/1\ntitle: T\nstatements:\n  - {id: p, kind: "\\e[2J", text: P}\narguments: []\n'
    src = encode_source(data, "yaml", "\x1b]0;owned\x07.yaml")
    link = open_link({"src": src, "off": "\x1b[2J", "debate": "x"})
    assert link is not None and link.debate is None
    assert link.errors == (
        "?]0;owned?.yaml:4: statements[0].kind: unknown kind '?[2J'"
        " (expected premise, analogy, example, objection or conclusion)",
    )
    assert all(line.isprintable() for line in link.errors + link.warnings)
    bad = open_link({"src": "\x1b[31m.AAAA"})
    assert bad is not None and bad.errors == (
        f'{SRC}: unknown format "?[31m" (expected yaml, argdown or aif before the ".").',
    )


# --------------------------------------------------------------------------- downloads


def test_downloads_of_a_file_debate_give_its_own_bytes_and_every_export():
    essay = load_debate(ESSAY)
    original = ESSAY.read_bytes()
    files = download_files(essay, original, str(ESSAY))
    assert [(f.fmt, f.filename, f.mime) for f in files] == [
        ("yaml", "open-source-ai-safety.yaml", "application/yaml"),
        ("argdown", "open-source-ai-safety.argdown", "text/plain"),
        ("aif", "open-source-ai-safety.json", "application/json"),
        ("graphml", "open-source-ai-safety.graphml", "application/graphml+xml"),
    ]
    built = {f.fmt: f.build() for f in files}
    assert built["yaml"] == original
    # Each export opens again (without the source text) as the same debate.
    start = opened("essay.yaml", original)[0]
    for fmt in ("argdown", "aif"):
        again, _ = opened(files[[f.fmt for f in files].index(fmt)].filename, built[fmt])
        assert [s.id for s in again.statements] == [s.id for s in start.statements]
        assert evaluate(again) == evaluate(start)
    assert built["graphml"].startswith(b"<graphml")
    # No download tells where the server keeps its files.
    for data in built.values():
        assert str(ROOT).encode() not in data


def test_an_imported_debate_downloads_as_yaml_written_from_the_model():
    debate, _ = opened("tiny.argdown", fixture("tiny.argdown"))
    files = download_files(debate, None, "tiny.argdown")
    yaml_bytes = files[0].build()
    assert files[0].filename == "tiny.yaml"
    assert yaml_bytes == export_yaml(debate).encode()
    again, warnings = opened("tiny.yaml", yaml_bytes)
    assert warnings == []
    assert [(s.id, s.kind, s.text) for s in again.statements] == [(s.id, s.kind, s.text) for s in debate.statements]
    assert [(a.id, a.conclusion, a.premises) for a in again.arguments] == [
        (a.id, a.conclusion, a.premises) for a in debate.arguments
    ]
    assert [(k.by, k.target) for k in again.attacks] == [(k.by, k.target) for k in debate.attacks]
    assert evaluate(again) == evaluate(debate)


def test_downloads_are_made_only_when_asked_for(monkeypatch):
    def refuse(debate: Debate) -> str:
        raise AssertionError("exported before it was asked for")

    monkeypatch.setattr("graph.argdown.export_argdown", refuse)
    files = download_files(load_debate(ESSAY), None, "x.yaml")
    with pytest.raises(AssertionError, match="before it was asked"):
        files[1].build()


def test_download_names_are_safe_whatever_the_upload_was_called():
    debate, _ = opened("tiny.argdown", fixture("tiny.argdown"))
    for name in ("../<b>\x1b.yaml", "C:\\a\\b c?.argdown", "", "....", "ünïcödé.json", "x" * 300):
        for f in download_files(debate, None, name):
            assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}\.(yaml|argdown|json|graphml)", f.filename), name


def test_the_essay_downloads_in_every_format_under_50_ms():
    essay = load_debate(ESSAY)
    for f in download_files(essay, None, "essay.yaml"):
        f.build()  # the first call imports the writer (networkx for GraphML)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            f.build()
            times.append(time.perf_counter() - start)
        assert min(times) < 0.05, (f.fmt, times)


# --------------------------------------------------------------------------- the src codec


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), fmt=st.sampled_from(FORMATS), name=st.text(max_size=150))
def test_a_source_comes_back_from_its_link(data, fmt, name):
    value = encode_source(data, fmt, name)
    assert len(value) <= MAX_LINK_CHARS
    assert re.fullmatch(r"(yaml|argdown|aif)\.[A-Za-z0-9_-]+", value)
    assert decode_source(value) == (clean_name(name), fmt, data)


def test_a_source_too_large_for_a_link_says_so():
    data = bytes(range(256)) * 5 + b"".join(i.to_bytes(4, "big") for i in range(0, 40_000, 7))
    with pytest.raises(TooLargeForLink) as raised:
        encode_source(data, "yaml", "big.yaml")
    assert str(raised.value).startswith("too large to share by link: download the file instead (the link would carry ")
    assert str(raised.value).endswith(" characters; at most 8,000)")
    # A source that would compress small enough but decompress past what a link may carry.
    with pytest.raises(TooLargeForLink) as raised:
        encode_source(b"#" * MAX_LINK_SOURCE_BYTES, "yaml", "zeros.yaml")
    assert str(raised.value) == (
        "too large to share by link: download the file instead (a link carries at most 128 KiB of source)"
    )
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        encode_source(b"", "pdf")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty."),
        ("abc", 'no format (expected "yaml.", "argdown." or "aif." before the data).'),
        ("pdf.AAAA", 'unknown format "pdf" (expected yaml, argdown or aif before the ".").'),
        ("yaml.", 'no data after "yaml.".'),
        ("argdown.ab$c", 'not base64url data (only letters, digits, "-" and "_" may follow "argdown.").'),
        ("argdown.ab+/", 'not base64url data (only letters, digits, "-" and "_" may follow "argdown.").'),
        ("argdown.abc=", 'not base64url data (only letters, digits, "-" and "_" may follow "argdown.").'),
        ("argdown.abcde", "not base64url data (it ends in the middle of a character: the link was cut?)."),
        (
            "yaml." + b64(b"\xff\xfe garbage"),
            "not deflate data (Error -3 while decompressing data: invalid block type).",
        ),
        (
            "yaml." + b64(deflate(b"x.yaml\nformat: debate/1")[:-3]),
            "the compressed data ends early (the link was cut?).",
        ),
        ("yaml." + b64(deflate(b"x.yaml\nabc") + b"extra"), "more data after the end of the compressed source."),
        ("yaml." + b64(deflate(b"no line break")), "no file name before the source."),
        ("yaml." + "A" * (MAX_LINK_CHARS - 4), "too long (8,001 characters; a link carries at most 8,000)."),
    ],
)
def test_a_bad_src_gets_its_own_message(value, message):
    with pytest.raises(SourceLinkError) as raised:
        decode_source(value)
    assert str(raised.value) == f"{SRC}: {message}"
    link = open_link({"src": value})
    assert link is not None
    assert (link.source, link.debate, link.choices, link.errors) == (None, None, None, (f"{SRC}: {message}",))


def _bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    packed = [packer.compress(b"bomb.yaml\n")]
    for _ in range(size >> 20):
        packed.append(packer.compress(chunk))
    return b"".join(packed) + packer.flush()


BOMB_MESSAGE = (
    f"{SRC}: refused: it decompresses to more than the 128 KiB a link may carry (131072 bytes):"
    " a debate that large is shared as a file."
)


def _refusal(value: str, **limits: int) -> tuple[str, float, int]:
    """What ``decode_source`` says refusing ``value`` (it must refuse it), in
    how many seconds, and the most memory it held meanwhile (bytes)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(SourceLinkError) as raised:
            decode_source(value, **limits)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return str(raised.value), elapsed, peak


def test_a_decompression_bomb_in_a_link_is_refused_quickly_in_bounded_memory():
    # 5 MiB of zeros fits in a link (6,8xx characters): the decompression stops past 128 KiB.
    value = "yaml." + b64(_bomb(5 << 20))
    assert len(value) <= MAX_LINK_CHARS
    message, elapsed, peak = _refusal(value)
    assert message == BOMB_MESSAGE
    assert elapsed < 0.5
    assert peak < 4 * MAX_LINK_SOURCE_BYTES


def test_a_100_mib_bomb_is_refused_by_its_length_and_by_the_decompression_bound():
    value = "yaml." + b64(_bomb(100 << 20))
    start = time.perf_counter()
    with pytest.raises(SourceLinkError, match="too long"):
        decode_source(value)
    assert time.perf_counter() - start < 0.1
    # Even with no bound on the length, it is never decompressed past the limit.
    message, elapsed, peak = _refusal(value, max_chars=len(value))
    assert message == BOMB_MESSAGE
    assert elapsed < 0.5
    assert peak < 4 * MAX_LINK_SOURCE_BYTES + 2 * len(value)


# --------------------------------------------------------------------------- whole links


def test_a_link_without_src_is_not_ours():
    assert open_link({}) is None
    assert open_link({"debate": "open-source-ai-safety", "off": "x"}) is None


@needs_samples
@pytest.mark.parametrize("sample", sorted(SAMPLE_COUNTS))
def test_a_shared_sample_opens_from_its_link_as_the_same_map_and_choices(sample):
    path = SAMPLES / sample
    data = path.read_bytes()
    debate, warnings = opened(path.name, data)
    givens = debate.given_ids
    choices = dict(debate.starting_choices())
    choices[givens[0]] = "unsure"
    choices[givens[-1]] = "rejected" if choices[givens[-1]] == "accepted" else "accepted"
    src = encode_source(data, detect_format(path.name, data), path.name)
    url = share_url("https://example.org/app?debate=x#y", source_query(src, debate, choices))
    assert url.startswith("https://example.org/app?src=")
    link = open_link(parse_qs(urlsplit(url).query))
    assert link is not None and link.debate is not None and link.choices is not None
    assert link.errors == ()
    assert link.warnings == tuple(warnings)
    assert link.debate == debate
    assert dict(link.choices) == choices
    assert evaluate(link.debate, link.choices) == evaluate(debate, choices)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_choices_come_back_from_a_link(data):
    source = fixture("tiny.argdown")
    debate, _ = opened("tiny.argdown", source)
    chosen = {**debate.starting_choices(), **data.draw(choices_for(debate))}
    query = source_query(encode_source(source, "argdown", "tiny.argdown"), debate, chosen)
    assert set(query) <= {"src", "off", "on", "unsure"}
    link = open_link(query)
    assert link is not None and link.choices is not None
    assert dict(link.choices) == chosen


def test_a_link_reports_what_it_ignores():
    src = encode_source(fixture("tiny.argdown"), "argdown", "tiny.argdown")
    link = open_link({"src": [src, "other"], "debate": "open-source-ai-safety", "off": "walk,nothing"})
    assert link is not None and link.debate is not None
    assert link.warnings == (
        f"{SRC}: used the first, ignored 1 more.",
        'Link parameter "debate": ignored: the link carries its own debate ("src").',
        'Link parameter "off": ignored unknown ids "nothing".',
        'Link parameter "off": ignored "walk": conclusions cannot be chosen, they follow from the givens.',
    )


def test_a_link_to_a_file_that_fails_check_shows_its_errors():
    link = open_link({"src": encode_source(fixture("fails-check.yaml"), "yaml", "fails-check.yaml")})
    assert link is not None
    assert link.source is not None and link.source.name == "fails-check.yaml"
    assert (link.debate, link.choices) == (None, None)
    assert link.errors == (
        "fails-check.yaml:6: statements[2].kind: unknown kind 'hunch'"
        " (expected premise, analogy, example, objection or conclusion)",
        "fails-check.yaml:8: arguments[0].premises[1]: 'nothing' names no statement",
    )
    empty = open_link({"src": ""})
    assert empty is not None and empty.errors == (f"{SRC}: empty.",)
