"""A small re-implementation of Telegram's HTML parse mode.

It follows the rules of tdlib's ``parse_html`` closely enough to reject what Telegram rejects
(unsupported or unbalanced tags, a bare ``<``) and to compute the same entities (offsets and
lengths in UTF-16 code units). One deliberate difference: in strict mode (the default) a bare
``&`` that does not start a known character reference is rejected too. Telegram tolerates it, but
a bot that forgets to escape ``&`` forgets ``<`` as well, and that one is fatal in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EntityParseError", "ParsedText", "parse_html", "utf16_len"]

_SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
}
_NAMED_CHAR_REFS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHAR_REF = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{1,10}));")
_SPACES = " \t\r\n"


class EntityParseError(ValueError):
    """The text is not valid for the parse mode; the message mirrors Telegram's wording."""


@dataclass(frozen=True, slots=True)
class ParsedText:
    """Result of parsing: the text a user sees and its entities in Bot API JSON shape."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class _OpenTag:
    name: str
    offset: int  # UTF-16 offset in the output text
    attrs: dict[str, str]


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram measures offsets in."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_char_ref(text: str, index: int) -> tuple[str, int] | None:
    """Decode a character reference starting at ``text[index] == '&'``.

    Returns the decoded character and the index after the reference, or ``None``.
    """
    match = _CHAR_REF.match(text, index)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        decoded = _NAMED_CHAR_REFS.get(name)
        if decoded is None:
            return None
        return decoded, match.end()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


class _Parser:
    def __init__(self, source: str, *, strict_ampersand: bool) -> None:
        self.source = source
        self.strict_ampersand = strict_ampersand
        self.pos = 0
        self.out: list[str] = []
        self.out_len = 0  # UTF-16 length of the output so far
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def error(self, message: str) -> EntityParseError:
        return EntityParseError(f"can't parse entities: {message}")

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.out_len += utf16_len(chunk)

    def parse(self) -> ParsedText:
        src = self.source
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&":
                self.parse_char_ref()
            elif char == "<":
                if src.startswith("</", self.pos):
                    self.parse_end_tag()
                else:
                    self.parse_start_tag()
            else:
                self.emit(char)
                self.pos += 1
        if self.stack:
            raise self.error(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), self.entities)

    def parse_char_ref(self) -> None:
        decoded = _decode_char_ref(self.source, self.pos)
        if decoded is None:
            if self.strict_ampersand:
                offset = _byte_offset(self.source, self.pos)
                raise self.error(
                    f"Unescaped '&' at byte offset {offset}; use &amp; "
                    "(strict mode of the fake server)"
                )
            self.emit("&")
            self.pos += 1
            return
        char, self.pos = decoded
        self.emit(char)

    def read_name(self) -> str:
        src = self.source
        start = self.pos
        while self.pos < len(src) and src[self.pos] not in _SPACES and src[self.pos] not in "/>":
            self.pos += 1
        return src[start : self.pos].lower()

    def skip_spaces(self) -> None:
        while self.pos < len(self.source) and self.source[self.pos] in _SPACES:
            self.pos += 1

    def parse_start_tag(self) -> None:
        src = self.source
        begin = self.pos
        begin_offset = _byte_offset(src, begin)
        self.pos += 1  # '<'
        name = self.read_name()
        if self.pos >= len(src):
            raise self.error(f"Unclosed start tag at byte offset {begin_offset}")
        if name not in _SUPPORTED_TAGS:
            raise self.error(f'Unsupported start tag "{name}" at byte offset {begin_offset}')
        attrs: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if self.pos >= len(src):
                raise self.error(f"Unclosed start tag at byte offset {begin_offset}")
            if src[self.pos] == ">":
                self.pos += 1
                break
            attr_begin = self.pos
            while (
                self.pos < len(src) and src[self.pos] not in _SPACES and src[self.pos] not in "=>"
            ):
                self.pos += 1
            attr_name = src[attr_begin : self.pos].lower()
            if not attr_name:
                raise self.error(
                    f'Empty attribute name in the tag "{name}" at byte offset '
                    f"{_byte_offset(src, self.pos)}"
                )
            self.skip_spaces()
            if self.pos < len(src) and src[self.pos] == "=":
                self.pos += 1
                self.skip_spaces()
                attrs[attr_name] = self.read_attr_value(name, begin_offset)
            else:
                attrs[attr_name] = ""
        self.validate_start_tag(name, attrs, begin_offset)
        self.stack.append(_OpenTag(name=name, offset=self.out_len, attrs=attrs))

    def read_attr_value(self, tag: str, begin_offset: int) -> str:
        src = self.source
        if self.pos >= len(src):
            raise self.error(f"Unclosed start tag at byte offset {begin_offset}")
        quote = src[self.pos]
        if quote in "\"'":
            end = src.find(quote, self.pos + 1)
            if end < 0:
                raise self.error(f"Unclosed start tag at byte offset {begin_offset}")
            raw = src[self.pos + 1 : end]
            self.pos = end + 1
        else:
            start = self.pos
            while self.pos < len(src) and src[self.pos] not in _SPACES and src[self.pos] != ">":
                self.pos += 1
            raw = src[start : self.pos]
        return _unescape_attr(raw)

    def validate_start_tag(self, name: str, attrs: dict[str, str], begin_offset: int) -> None:
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self.error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {begin_offset}'
            )
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise self.error(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {begin_offset}'
            )

    def parse_end_tag(self) -> None:
        src = self.source
        begin_offset = _byte_offset(src, self.pos)
        self.pos += 2  # '</'
        name = self.read_name()
        self.skip_spaces()
        if self.pos >= len(src) or src[self.pos] != ">":
            raise self.error(f"Unclosed end tag at byte offset {begin_offset}")
        self.pos += 1
        if not self.stack:
            raise self.error(f"Unexpected end tag at byte offset {begin_offset}")
        top = self.stack[-1]
        if top.name != name:
            raise self.error(
                f"Unmatched end tag at byte offset {begin_offset}, "
                f'expected "</{top.name}>", found "</{name}>"'
            )
        self.stack.pop()
        self.close_entity(top)

    def close_entity(self, tag: _OpenTag) -> None:
        length = self.out_len - tag.offset
        if tag.name == "code" and self.stack and self.stack[-1].name == "pre":
            # <pre><code class="language-x"> becomes one pre entity with a language.
            language = tag.attrs.get("class", "")
            if language.startswith("language-"):
                self.stack[-1].attrs["language"] = language.removeprefix("language-")
                return
        if length == 0:
            return
        entity: dict[str, Any] = {"offset": tag.offset, "length": length}
        if tag.name in _SIMPLE_ENTITY_TYPES:
            entity["type"] = _SIMPLE_ENTITY_TYPES[tag.name]
        elif tag.name == "a":
            url = tag.attrs.get("href", "")
            if not url:
                return
            entity["type"] = "text_link"
            entity["url"] = url
        elif tag.name == "pre":
            entity["type"] = "pre"
            if tag.attrs.get("language"):
                entity["language"] = tag.attrs["language"]
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        elif tag.name == "tg-emoji":
            entity["type"] = "custom_emoji"
            entity["custom_emoji_id"] = tag.attrs["emoji-id"]
        self.entities.append(entity)


def _unescape_attr(raw: str) -> str:
    result: list[str] = []
    index = 0
    while index < len(raw):
        if raw[index] == "&" and (decoded := _decode_char_ref(raw, index)) is not None:
            char, index = decoded
            result.append(char)
        else:
            result.append(raw[index])
            index += 1
    return "".join(result)


def parse_html(text: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse ``text`` the way Telegram parses ``parse_mode=HTML``.

    Returns the visible text and its entities; raises :class:`EntityParseError` whose message
    is Telegram's description without the ``Bad Request:`` prefix.
    """
    return _Parser(text, strict_ampersand=strict_ampersand).parse()
