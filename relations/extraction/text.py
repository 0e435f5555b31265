"""Normalise an article's text; every offset the extractor reports points into the result.

Readouts arrive hard-wrapped at 72 columns, with curly quotes, non-breaking spaces, markdown
emphasis and links, and sometimes a ``date YYYY-MM-DD`` header line (the seed article's
convention). ``normalise`` returns paragraphs separated by a blank line, each on one line,
with single spaces and straight quotes.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)

_MAP = {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ", "\u3000": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
        "\t": " ", "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n",
}
# the usual suspects, replaced with str.replace (much faster than a callback per match)
_COMMON = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "))
_SPECIAL = re.compile("[" + "".join(re.escape(k) for k in _MAP) + "]")
# every other C0/C1 control character goes
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,10})(?:\s[^<>]{0,200})?/?>")
# tags that break a line or a block: they leave a line break, the others nothing
_BREAKING_TAGS = frozenset("br p div li tr h1 h2 h3 h4 h5 h6 ul ol table blockquote".split())
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{1,500}\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)([^*\n]{1,500}?)(?<=\S)\1")
_MD_ESCAPE = re.compile(r"(?<!\\)\\([#*_\[\]()`>+.!-])")
_NUMBERED = re.compile(r"\d{1,3}[.)] ")
_SPACES = re.compile(r" {2,}")


def _tag_space(m: re.Match[str]) -> str:
    return "\n" if m.group(1).lower() in _BREAKING_TAGS else ""


def _replace(m: re.Match[str]) -> str:
    return _MAP[m.group()] or ""


def split_header(raw: str) -> tuple[dt.date | None, str]:
    """Read an optional ``date YYYY-MM-DD`` first line; return (date, the rest)."""
    m = _HEADER.match(raw)
    if not m:
        return None, raw
    try:
        return dt.date.fromisoformat(m.group(1)), raw[m.end():]
    except ValueError:
        return None, raw[m.end():]


def normalise(raw: str) -> str:
    """Unwrap hard-wrapped lines and normalise quotes, spaces and markdown."""
    text = raw if unicodedata.is_normalized("NFC", raw) else unicodedata.normalize("NFC", raw)
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # Windows line ends: one line break, not two
    if not text.isascii():
        for a, b in _COMMON:
            if a in text:
                text = text.replace(a, b)
    if (not text.isascii() or "\t" in text or "\r" in text or "\x0b" in text or "\x0c" in text) and _SPECIAL.search(text):
        text = _SPECIAL.sub(_replace, text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub(_tag_space, text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    paragraphs: list[str] = []
    para: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if para:
                paragraphs.extend(_join(b) for b in _blocks(para))
                para = []
        elif para and _is_bullet(line):  # a list item starts its own paragraph
            paragraphs.extend(_join(b) for b in _blocks(para))
            para = [line]
        else:
            para.append(line)
    if para:
        paragraphs.extend(_join(b) for b in _blocks(para))
    text = "\n\n".join(paragraphs)
    if "*" in text or "__" in text:  # after unwrapping: "**Prime\nMinister**" is one emphasis
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


_SENTENCE_ENDS = frozenset(".!?:;\"')]")  # a line's last character that ends a sentence


def _blocks(lines: list[str]) -> list[list[str]]:
    """Split lines separated by single line breaks where a break ends a paragraph rather than
    wraps one: after a line much shorter than the block's longest that ends a sentence, or a
    short line that ends none before a capital (a headline, a byline, a time stamp: "9:37 JST,
    August 13, 2024"). Hard-wrapped lines are all about as long as the longest one."""
    if len(lines) == 1:
        return [lines]
    width = max(len(line) for line in lines)
    out: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        out[-1].append(line)
        if i + 1 == len(lines):
            break
        ends = line[-1] in _SENTENCE_ENDS  # (lines are stripped and not empty)
        short = len(line) < 0.85 * width if ends else len(line) < 0.6 * width and lines[i + 1][:1].isupper()
        if short:
            out.append([])
    return out


def _is_bullet(line: str) -> bool:
    if len(line) > 2 and line[1] == " " and line[0] in "-*\u2022\u25cf\u25aa":
        return True
    return line[0].isdigit() and bool(_NUMBERED.match(line))


def _join(lines: list[str]) -> str:
    if len(lines) == 1:
        out = lines[0]
    elif not any(line.endswith("-") for line in lines):
        out = " ".join(lines)
    else:
        out = lines[0]
        for line in lines[1:]:
            # a word broken by a hyphen at the end of a wrapped line ("anti-\nepidemic") keeps it
            if out.endswith("-") and len(out) > 1 and not out[-2].isspace() and out[-2] != "-":
                out += line
            else:
                out += " " + line
    return _SPACES.sub(" ", out) if "  " in out else out
