"""People's names as readouts write them: the name patterns, cleaning a name read after a
title, and the name tokens that link later mentions ("Xi", "Liu") to a person."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .gazetteer import Gazetteer, fold
from .lexicon import tagged

TOKEN = r"(?:(?:[A-Z]\.){2,3}(?=[ ])|[A-Z]\.[A-Z](?=[ ])|[A-Z\u00c0-\u00de][\w'\u00c0-\u024f]*(?:-[A-Za-z\u00c0-\u024f][\w'\u00c0-\u024f]*)*\.?|(?:al|el|ad|as|ash|an)-[A-Z\u00c0-\u00de][\w'\u00c0-\u024f-]*)"
PARTICLE = r"(?:bin|bint|ibn|binti|al|el|de|da|do|dos|das|del|della|di|du|van|von|der|den|la|le|y|ul|ud)"
NAME = re.compile(rf"{TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{0,5}}(?:,?[ ]Jr\.?)?")
INITIAL = re.compile(r"\A[A-Z]\.\Z")
# a style whose "His"/"Her" was left behind ("[His] Highness Sheikh Mohamed ...")
_STYLE_WORDS = ("Highness", "Excellency", "Majesty", "Eminence", "Holiness", "Royal")
# military ranks before a name ("Lieutenant General Abdel Fattah Al-Burhan")
_RANKS = frozenset({"Lieutenant", "General", "Major", "Colonel", "Brigadier", "Admiral", "Marshal", "Field",
                    "Gen", "Lt", "Maj", "Col", "Brig", "Adm", "Vice", "Rear", "Air", "Chief"})
_POSSESSIVE = re.compile(r"'s?\Z")
INITIALS = re.compile(r"\A(?:[A-Z]\.){2,3}\Z")  # "A.K. Abdul Momen"
_ALNUM = re.compile(r"[a-z0-9]+")

# family names that are also English function words; read as names only right after a title
SHORT_SURNAMES = frozenset({"He", "An", "So", "Do", "Le", "Ma", "Su", "Mo", "Ye", "On"})
_NAME_BEFORE = re.compile(r"([A-Z\u00c0-\u00de][\w'\u00c0-\u024f-]*)[ ]\Z")
# two words run together where a page's layout lost the space between them ("AnnaMinister"):
# a capitalised word, then a capital starting another word. Only a title or place run in ends a
# name ("McCarthy", "DeSantis" and "NguyenPhu Trong", a name that lost a space, keep theirs).
_GLUED = re.compile(r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?=[A-Z\u00c0-\u00de])")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that end a name (lexicon/name_stopwords.tsv, kind ends)."""
    return frozenset(tagged("name_stopwords", "word", "kind", "ends"))


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words that make a name a body's, a place's or an event's (name_stopwords.tsv, kind institution)."""
    return frozenset(tagged("name_stopwords", "word", "kind", "institution"))


@lru_cache(maxsize=1)
def title_modifiers() -> frozenset[str]:
    """Words that make another office of the title after them ("Vice", "Deputy", "Acting")."""
    return frozenset(tagged("title_modifiers", "word", "uses", "title"))


@lru_cache(maxsize=4096)
def clean_name(raw: str, gaz: Gazetteer) -> str | None:
    """The name in ``raw`` (words read after a title or an honorific), without the honorifics,
    ranks, titles and bodies around it; None if none is left. Memoised: the same words come
    back in article after article, and the answer depends on them and the gazetteer only."""
    known = gaz.surfaces.get(raw)
    if known is not None and known.leaders and not (known.title or known.country or known.org):
        first = gaz.surfaces.get(raw.split(" ", 1)[0])
        if first is not None and first.title:
            return raw  # a known leader's whole name that starts with a title's word ("Amir Khan Muttaqi")
    stop = stopwords()
    out: list[str] = []
    toks = raw.split(" ")
    # "His Excellency Mr. Olaf Scholz", "H.E. Mr. Bui Thanh Son" read from the middle: drop
    # honorifics and stray initials in front
    while toks:
        for n in (3, 2, 1):
            head = " ".join(toks[:n])
            info = gaz.surfaces.get(head)
            if info is not None and info.honorific:
                toks = toks[n:]
                break
        else:
            if INITIAL.match(toks[0]) or toks[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "E", "H", *_STYLE_WORDS) or (
                    toks[0].rstrip(".") in _RANKS and len(toks) > 2):
                toks = toks[1:]
                continue
            break
    for n, tok in enumerate(toks):
        if n and tok.endswith(("'s", "\u2019s")) and len(tok) > 3:
            out.append(tok[:-2])  # "Zalmai Rassoul's visit": the name ends at its possessive
            break
        bare = tok.rstrip(".,")
        if n == 0 and bare in SHORT_SURNAMES and len(toks) > 1 and toks[1][:1].isupper() and toks[1] not in stop:
            out.append(bare)  # "spokesperson He Yadong"
            continue
        info = gaz.surfaces.get(bare) or (gaz.surfaces.get(tok) if INITIALS.match(tok) else None)
        if bare in stop or (info is not None and (info.country or info.capital_of or info.org or info.title)):
            break
        if _starts_title(toks, n, gaz):
            break  # "Vice President", "Deputy Prime Minister": a title's first word is no name
        if len(out) >= 2 and bare == out[-1].rstrip(".") and n + 1 < len(toks) and _head(toks[n + 1]) in out[:-1]:
            break  # "Anna Berkel Berkel Anna[Minister]": a name card repeats it surname first
        glued = _GLUED.match(tok)
        if glued and _is_title_or_place(tok[glued.end():].rstrip(".,"), gaz):
            out.append(glued.group())  # "AnnaPresident": a title run into the name ends it
            break
        if tok.endswith(".") and not INITIAL.match(tok) and bare != "Jr" and not (
                (INITIALS.match(tok) or bare in _RANKS) and n + 1 < len(toks)):
            out.append(bare)  # "...with Prime Minister Netanyahu." ends the sentence
            break
        out.append(tok.rstrip(","))
    while out and out[-1].lower() in ("bin", "al", "el", "de", "da", "van", "von", "der", "y"):
        out.pop()
    inst = [i for i, t in enumerate(out) if _POSSESSIVE.sub("", t.rstrip(".,")) in institution_words()]
    if inst:
        # "[National] Assembly Vuong Dinh Hue": the body's name ends where the person's begins;
        # "Liberation Organization", "Atomic Energy Agency": a body, no person
        out = out[inst[-1] + 1:]
    while len(out) > 2 and out[0].rstrip(".") in _RANKS:
        out = out[1:]  # "[Armed Forces] Gen. Valerii Zaluzhnyi"
    name = " ".join(out).strip()
    if not name or _is_place(out, gaz):
        return None  # "Abu Dhabi"
    return name


def _is_place(toks: list[str], gaz: Gazetteer) -> bool:
    """Whether the name is a country's or a capital's name ("Abu Dhabi", "New Delhi")."""
    info = gaz.surfaces.get(" ".join(toks))
    return info is not None and bool(info.country or info.capital_of or info.org)


def _is_title_or_place(word: str, gaz: Gazetteer) -> bool:
    info = gaz.surfaces.get(word)
    return info is not None and bool(info.title or info.country or info.capital_of or info.org)


def _head(tok: str) -> str:
    """A word without what was run into it ("AnnaConstitutional" -> "Anna")."""
    glued = _GLUED.match(tok)
    return glued.group() if glued else tok.rstrip(".,")


def _starts_title(toks: list[str], n: int, gaz: Gazetteer) -> bool:
    """Whether the words from ``toks[n]`` on spell a title of several words ("Vice President"), or
    a modifier before a title ("Vice Chancellor" when only "Chancellor" is known)."""
    if toks[n] in title_modifiers() and n + 1 < len(toks):
        if _starts_title(toks, n + 1, gaz):
            return True
        info = gaz.surfaces.get(toks[n + 1].rstrip(".,"))
        if info is not None and info.title:
            return True
    for size in (2, 3, 4):
        if n + size > len(toks):
            break
        if any(t.endswith(",") for t in toks[n:n + size - 1]):
            break
        info = gaz.surfaces.get(" ".join(toks[n:n + size]).rstrip(".,"))
        if info is not None and info.title:
            return True
    return False


def after_name(text: str, start: int) -> bool:
    """Whether a capitalised name word stands right before ``start`` ("Julie Chavez", "Yury Borisov")."""
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return bool(m) and m.group(1) not in stopwords()


def tokens(name: str | None) -> set[str]:
    return set(name_tokens(name)) if name else set()


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in _ALNUM.findall(fold(name)) if len(t) > 1 and t not in ("al", "el", "bin", "jr", "de", "da"))


def strip_accents(word: str) -> str:
    """The word without its accents, case kept ("Phạm" -> "Pham")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
