"""The HTML parse mode re-implementation."""

from __future__ import annotations

import pytest

from tests.fakebot import EntityParseError, parse_html


def test_entities_use_utf16_offsets() -> None:
    parsed = parse_html("👍 <b>да</b> <i>нет</i>")
    assert parsed.text == "👍 да нет"
    assert parsed.entities == [
        {"offset": 3, "length": 2, "type": "bold"},
        {"offset": 6, "length": 3, "type": "italic"},
    ]


def test_nested_tags_and_links() -> None:
    parsed = parse_html('<b>a <a href="https://e.com/?a=1&amp;b=2">link</a></b>')
    assert parsed.text == "a link"
    assert parsed.entities == [
        {"offset": 0, "length": 6, "type": "bold"},
        {"offset": 2, "length": 4, "type": "text_link", "url": "https://e.com/?a=1&b=2"},
    ]


def test_pre_with_language_and_other_tags() -> None:
    parsed = parse_html(
        '<pre><code class="language-python">x = 1</code></pre>'
        '<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span>'
        "<blockquote expandable>q</blockquote><u>u</u><s>s</s><code>c</code>"
    )
    assert parsed.text == "x = 1stqusc"
    types = [e["type"] for e in parsed.entities]
    assert types == [
        "pre",
        "spoiler",
        "spoiler",
        "expandable_blockquote",
        "underline",
        "strikethrough",
        "code",
    ]
    assert parsed.entities[0]["language"] == "python"


def test_character_references() -> None:
    assert parse_html("&lt;&gt;&amp;&quot;&#169;&#x41;").text == '<>&"©A'


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("1<2 x", 'Unsupported start tag "2" at byte offset 1'),
        ("1<2", "Unclosed start tag at byte offset 1"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("я & ты", "Unescaped '&' at byte offset 3"),
        ("&nbsp;", "Unescaped '&' at byte offset 0"),
    ],
)
def test_invalid_markup_is_rejected(source: str, message: str) -> None:
    with pytest.raises(EntityParseError, match="can't parse entities") as caught:
        parse_html(source)
    assert message in str(caught.value)


def test_bare_ampersand_is_tolerated_in_lenient_mode() -> None:
    assert parse_html("Tom & Jerry &nbsp;", strict_ampersand=False).text == "Tom & Jerry &nbsp;"


def test_empty_entities_are_dropped() -> None:
    assert parse_html("<b></b>x").entities == []
