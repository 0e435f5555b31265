"""Find the people in an article: who acts for which country, under what title.

Patterns read (all from gazetteer hits, left to right):
  Chinese President Xi Jinping / India's Prime Minister Narendra Modi   (qualifier, title, name)
  President of Turkey Recep Tayyip Erdogan                                (title of country, name)
  Prime Minister Modi of India                                             (title, name of country)
  Alejandro Giammattei, President of Guatemala                             (name, title of country)
  Vladimir Putin / Xi / Lukashenko                                         (a known leader's alias)
  the President / the Kenyan leader                                        (a title that refers back)
  Mr. Sullivan                                                             (honorific, name)
Each mention is linked to a person of the article; a person without a stated country acts
for the article's own side (the publisher's country) when it has one.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .coref import later_names, link
from .gazetteer import Gazetteer, Hit
from .known import known, pick_leader
from .lexicon import column
from .mentions import Mention, People
from .names import NAME, PARTICLE, TOKEN, after_name, clean_name

_OF = re.compile(r"[ ](?:of|for)[ ](?:the[ ])?")
_SPACE = re.compile(r"[ ]*")
_THE_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Ii]ts)[ ]\Z")
_APPOSITION_NAME = re.compile(
    rf"({TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{0,5}}),[ ](?:the[ ]|[A-Z][a-z]+'s[ ])?\Z"
)
_PORTFOLIO = re.compile(r"([ ](?:for|of)[ ](?:the[ ])?)(?:[A-Z][\w'-]*)(?:[ ](?:[A-Z][\w'-]*|and|of|for|the)){0,10}")
_TOKENS = re.compile(r"[\w'-]+")
_TO_TITLE = re.compile(r"[ ]to[ ](?:the[ ])?")
_NAME_AFTER_COMMA = re.compile(
    rf",[ ]({TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{1,7}})(?=,|[ ](?:at|in|on|and|who|said|told)\b|[.;]|$)"
)
_LED_BY = re.compile(r"\b(?:delegation|team|mission)[ ](?:of|from)[ ](?:the[ ])?(?P<c>[^,;]{2,60}?)[ ]led[ ]by[ ]\Z")
# between a country qualifier and a title: "Saudi Vice Minister", "Republic of Korea (ROK) National..."
# after a lower-case title, what makes it name someone: "president of France", "spokesperson He Yadong"
_LOWER_TITLE_CONTEXT = re.compile(r"[ ](?:of[ ]|for[ ]|to[ ]|[A-Z])")
_MODIFIER_WORDS = frozenset(
    "Vice Deputy First Acting Senior Chief Principal Executive Federal Coordinating Assistant Permanent".split()
)
_QUALIFIER_GAP = re.compile(
    r"[ ](?:\([A-Z]{2,6}\)[ ])?(?:(?:Vice|Deputy|First|Acting|Senior|Chief|Principal|Executive|Federal|Special|"
    r"Coordinating|Assistant|newly[ ]appointed|incoming|Permanent|1st|2nd)[ ])*"
)
_SUBNATIONAL = frozenset({"Governor"})


@lru_cache(maxsize=1)
def _portfolio_words() -> frozenset[str]:
    return frozenset(column("portfolio_words", "word"))


def _qualifier(hit: Hit, capitals: bool = False) -> tuple[str | None, str | None]:
    """(country, org) a hit names, if it can qualify a title ("Crown Prince of Abu Dhabi": capitals)."""
    info = hit.info
    if info.country:
        return info.country, None
    if capitals and info.capital_of:
        return info.capital_of, None
    if info.org:
        return None, info.org
    return None, None


def _title(hit: Hit) -> str | None:
    return hit.info.title


def _leader(hit: Hit) -> int | None:
    return hit.info.leaders[0] if hit.info.leaders else None


def read(text: str, hits: list[Hit], gaz: Gazetteer, own_side: str | None, date: dt.date | None) -> People:
    hits = [h for h in hits if not h.info.blocker]
    mentions: list[Mention] = []
    consumed: set[int] = set()
    n = len(hits)
    i = 0
    while i < n:
        h = hits[i]
        title = _title(h)
        leader = _leader(h)
        if title is not None:
            if h.text[0].islower() and not _LOWER_TITLE_CONTEXT.match(text, h.end) and not text.endswith(", ", 0, h.start) and not (
                    _THE_BEFORE.search(text, max(0, h.start - 8), h.start)
                    or (i and hits[i - 1].end + 1 == h.start and (hits[i - 1].info.country or hits[i - 1].info.org))):
                i += 1  # "a president", "as minister": a common noun, not someone
                continue
            i = _read_titled(text, hits, i, gaz, mentions, consumed, date)
            continue
        if leader is not None and not (h.info.country or h.info.capital_of):
            li = pick_leader(gaz, h, None, date, None, None, after_name(text, h.start))
            if li is not None:
                m = Mention(h.start, h.end, gaz.leaders[li].name, None, gaz.leaders[li].country,
                            gaz.leaders[li].organization, li)
                _of_country(text, hits, i + 1, m, consumed)
                mentions.append(m)
                consumed.add(i)
        elif h.info.honorific:
            p = h.end + len(_SPACE.match(text, h.end).group())
            nm = NAME.match(text, p)
            if nm and not (i + 1 < n and hits[i + 1].start == p):
                name = clean_name(nm.group(), gaz)
                if name:
                    mentions.append(Mention(h.start, p + len(name), name, None, None))
                    consumed.add(i)
        i += 1
    persons = link(mentions, gaz, own_side, date)
    later_names(text, mentions, persons)
    return People(mentions, persons, consumed, hits)


def _of_country(text: str, hits: list[Hit], j: int, m: Mention, consumed: set[int]) -> int:
    """Read "... of [the] COUNTRY" right after a mention into its country; return the next hit index."""
    if j >= len(hits):
        return j
    of = _OF.match(text, m.end)
    if of and hits[j].start == of.end():
        country, org = _qualifier(hits[j], capitals=True)
        if country or org:
            if m.country is None and m.org is None or m.leader is None:
                m.country, m.org = country, org
            m.end = hits[j].end
            consumed.add(j)
            return j + 1
    return j


def _of_place(text: str, hits: list[Hit], j: int, m: Mention, consumed: set[int]) -> int:
    """"Governor Kemp of Georgia": the place is a state, not the country of the same name."""
    if j < len(hits):
        of = _OF.match(text, m.end)
        if of and hits[j].start == of.end():
            m.end = hits[j].end
            consumed.add(j)
            return j + 1
    return j


def _skip_to(hits: list[Hit], k: int, pos: int, consumed: set[int]) -> int:
    while k < len(hits) and hits[k].start < pos:
        consumed.add(k)
        k += 1
    return k


def _portfolio_end(text: str, pos: int) -> int:
    """End of a portfolio after a title ("for Maritime Affairs and Investment"), or ``pos``."""
    m = _PORTFOLIO.match(text, pos)
    if not m:
        return pos
    words = _portfolio_words()
    end = pos
    cur = m.start() + len(m.group(1))
    for tok in _TOKENS.finditer(text, cur, m.end()):
        w = tok.group()
        if w[0].isupper() and w not in words:
            break
        if w[0].isupper():
            end = tok.end()
    return end


def _read_titled(text: str, hits: list[Hit], i: int, gaz: Gazetteer, mentions: list[Mention], consumed: set[int],
                 date: dt.date | None) -> int:
    h = hits[i]
    start = h.start
    title = _title(h)
    country = org = None
    # qualifier before: "Chinese President", "India's Prime Minister", "Saudi Vice Minister of Defense"
    j = i - 1
    while j >= 0 and j not in consumed and hits[j].info.honorific and text[hits[j].end:start].strip() == "":
        start = hits[j].start
        j -= 1
    title_from = h.start
    while True:  # "Vice Minister", "Deputy Prime Minister"... as written
        sp = text.rfind(" ", 0, title_from - 1)
        if text[sp + 1:title_from - 1] in _MODIFIER_WORDS and text[title_from - 1] == " ":
            title_from = sp + 1
        else:
            break
    if j >= 0 and j not in consumed:
        gap = text[hits[j].end:start]
        if gap in (" ", "'s ", "' ", "-") or _QUALIFIER_GAP.fullmatch(gap):
            c, o = _qualifier(hits[j])
            if c or o:
                country, org = c, o
                start = hits[j].start
                consumed.add(j)
    consumed.add(i)
    # compound title: "Crown Prince and Prime Minister", "Deputy Prime Minister and Foreign Minister"
    k = i + 1
    end = h.end
    while k < len(hits) and _title(hits[k]) and text[end:hits[k].start] in (" and ", " & "):
        title = title if _title(hits[k]) == "Counterpart" else _title(hits[k]) if title in ("Crown Prince",) else title
        end = hits[k].end
        consumed.add(k)
        k += 1
    if country is None and org is None:
        # "a delegation of the Republic of Kazakhstan led by Vice Minister ..."
        led = _LED_BY.search(text, max(0, start - 120), start) if text.endswith("led by ", 0, start) else None
        if led:
            for h2 in hits[max(0, i - 6):i]:
                if h2.start >= led.start("c") and h2.end <= led.end("c"):
                    country, org = _qualifier(h2, capitals=False)
                    if country or org:
                        break
    m = Mention(start, end, None, title, country, org, kind="title", title_text=text[title_from:end])
    # "President of Turkey ...", "Minister for Maritime Affairs of Indonesia" (a governor's "of
    # Georgia" is a state or province, and the name comes first: "Governor Kemp of Georgia")
    if title not in _SUBNATIONAL:
        k = _of_country(text, hits, k, m, consumed)
    else:
        k = _of_place(text, hits, k, m, consumed)
    pend = _portfolio_end(text, m.end)
    if pend > m.end:
        if m.end == end:
            m.title_text = text[title_from:pend]  # "Minister of Transport and Communications"
        m.end = pend
        k = _skip_to(hits, k, pend, consumed)
        k = _of_country(text, hits, k, m, consumed)
    # the name
    p = m.end + len(_SPACE.match(text, m.end).group())
    while k < len(hits) and hits[k].start == p and hits[k].info.honorific:
        consumed.add(k)
        p = hits[k].end + len(_SPACE.match(text, hits[k].end).group())
        k += 1
    li = None
    if p > m.end and k < len(hits) and hits[k].start == p and _leader(hits[k]) is not None and not _title(hits[k]):
        qual_country, qual_org = m.country, m.org
        if qual_country is None and qual_org is None:
            of = _OF.match(text, hits[k].end)
            if of and k + 1 < len(hits) and hits[k + 1].start == of.end():
                qual_country, qual_org = _qualifier(hits[k + 1], capitals=True)
        li = pick_leader(gaz, hits[k], title, date, qual_country, qual_org, False)
    if li is not None:
        m.name, m.leader, m.end, m.kind = gaz.leaders[li].name, li, hits[k].end, "named"
        if m.country is None and m.org is None:
            m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
        consumed.add(k)
        k += 1
    elif p > m.end:
        nm = NAME.match(text, p)
        name = clean_name(nm.group(), gaz) if nm else None
        if name:
            m.name, m.end, m.kind = name, p + len(name), "named"
            k = _skip_to(hits, k, m.end, consumed)
            li = known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
                if m.country is None and m.org is None:
                    m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
    if m.kind == "named":
        # "Prime Minister Modi of India"
        if title not in _SUBNATIONAL:
            k = _of_country(text, hits, k, m, consumed)
        else:
            k = _of_place(text, hits, k, m, consumed)
        return _finish_mention(mentions, m, k)
    # "Ghana's Minister for Trade and Industry, Kwame Asante-Boateng,"
    after = _NAME_AFTER_COMMA.match(text, m.end)
    if after and (m.country or m.org):
        name = clean_name(after.group(1), gaz)
        if name and not any(h2.start < after.end(1) and h2.end > after.start(1)
                            and (h2.info.country or h2.info.org or h2.info.title) for h2 in hits[k:k + 6]):
            m.name, m.kind, m.end = name, "named", after.start(1) + len(name)
            li = known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
            return _finish_mention(mentions, m, k)
    # "Advisor to the Prime Minister of the Czech Republic": an aide of a country's leader
    to = _TO_TITLE.match(text, m.end)
    if to and k < len(hits) and hits[k].start == to.end() and _leader(hits[k]) is not None and not _title(hits[k]):
        li = pick_leader(gaz, hits[k], None, date, None, None, False)  # "adviser to Aliyev"
        if li is not None and m.country is None and m.org is None:
            m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
    elif to and k < len(hits) and hits[k].start == to.end() and _title(hits[k]):
        aide = Mention(hits[k].start, hits[k].end, None, _title(hits[k]), None)
        consumed.add(k)
        k = _of_country(text, hits, k + 1, aide, consumed)
        if aide.country or aide.org:
            if m.country is None and m.org is None:
                m.country, m.org = aide.country, aide.org
            m.end = aide.end
    # "Alejandro Giammattei, President of Guatemala"
    am = _APPOSITION_NAME.search(text, max(0, start - 80), start) if text.find(",", max(0, start - 6), start) >= 0 else None
    if am:
        name = clean_name(am.group(1), gaz)
        if name:
            m.name, m.kind = name, "named"
            m.start = am.start(1)
            li = known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
                if m.country is None and m.org is None:
                    m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
            # drop a bare-name mention of the same person just read ("Mr. Bui Thanh Son, Minister...")
            if mentions and mentions[-1].end > m.start:
                m.start = min(m.start, mentions.pop().start)
    elif not (m.country or m.org) and not _THE_BEFORE.search(text, max(0, start - 8), start):
        if not title[0].isupper() or not text[h.start].isupper():
            return k  # a bare lower-case "president": not a reference to a person
    return _finish_mention(mentions, m, k)


def _finish_mention(mentions: list[Mention], m: Mention, k: int) -> int:
    mentions.append(m)
    return k
