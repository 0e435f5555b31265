"""Find the people in an article: who acts for which country, under what title.

Patterns read (all from gazetteer hits, left to right):
  Chinese President Xi Jinping / India's Prime Minister Narendra Modi   (qualifier, title, name)
  President of Turkey Recep Tayyip Erdogan                                (title of country, name)
  Prime Minister Modi of India                                             (title, name of country)
  Alejandro Giammattei, President of Guatemala                             (name, title of country)
  Vladimir Putin / Xi / Lukashenko                                         (a known leader's alias)
  the President / the Kenyan leader                                        (a title that refers back)
  Mr. Sullivan                                                             (honorific, name)
  Minister for Planning, Development and Special Initiatives Ahsan Iqbal   (portfolio list, name)
  the Minister for Foreign Affairs, Samuel Ablakwa                         (bare title, name: own side)
  His Highness said                                                        (a style: whom it was given)
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
from .lexicon import alternation, column, rows, tagged
from .mentions import Mention, People
from .names import NAME, PARTICLE, TOKEN, after_name, clean_name, title_modifiers

_OF = re.compile(r"[ ](?:of|for)[ ](?:the[ ])?")
_SPACE = re.compile(r"[ ]*")
_THE_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Ii]ts)[ ]\Z")
_APPOSITION_NAME = re.compile(
    rf"({TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{0,5}}),[ ](?:the[ ]|[A-Z][a-z]+'s[ ])?\Z"
)
_PORTFOLIO = re.compile(r"([ ](?:for|of)[ ](?:the[ ])?)(?:[A-Z][\w'-]*)(?:[ ](?:[A-Z][\w'-]*|and|of|for|the)){0,10}")
_TOKENS = re.compile(r"[\w'-]+")
# one more portfolio of a comma list: ", Regional Integration", ", and Special Initiatives"
_LIST_ITEM = re.compile(r"(,[ ](?:and[ ])?|[ ]and[ ])([A-Z][\w'-]*(?:[ ](?:(?:of|the)[ ]){0,2}[A-Z][\w'-]*){0,7})")
_OF_IN_TITLE = re.compile(r"[ ](?:of|for)[ ]")
_DEFINITE_BEFORE = re.compile(r"\b[Tt]he[ ]\Z")
# a style that names its bearer on its own: "His Highness said", "met Her Majesty"
_STYLE = re.compile(r"(?:His|Her)[ ]")
_TO_TITLE = re.compile(r"[ ]to[ ](?:the[ ])?")
_NAME_AFTER_COMMA = re.compile(
    rf",[ ]({TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{1,7}})(?=,|[ ](?:at|in|on|and|who|said|told)\b|[.;]|$)"
)
_LED_BY = re.compile(r"\b(?:delegation|team|mission)[ ](?:of|from)[ ](?:the[ ])?(?P<c>[^,;]{2,60}?)[ ]led[ ]by[ ]\Z")
# after a lower-case title, what makes it name someone: "president of France", "spokesperson He Yadong"
_LOWER_TITLE_CONTEXT = re.compile(r"[ ](?:of[ ]|for[ ]|to[ ]|[A-Z])")


@lru_cache(maxsize=1)
def _qualifier_gap() -> re.Pattern[str]:
    """Between a country qualifier and a title: "Saudi Vice Minister", "Republic of Korea (ROK) ..."."""
    words = alternation(tagged("title_modifiers", "word", "uses", "qualifier")).replace(r"\ ", "[ ]")
    return re.compile(rf"[ ](?:\([A-Z]{{2,6}}\)[ ])?(?:(?:{words})[ ])*")


_SUBNATIONAL = frozenset({"Governor"})


@lru_cache(maxsize=1)
def _portfolio_words() -> frozenset[str]:
    return frozenset(column("portfolio_words", "word"))


@lru_cache(maxsize=4)
def _portfolio_kind(kind: str) -> frozenset[str]:
    """Portfolio words of one kind: nationals ("Togolese Abroad", "Overseas Pakistanis") or
    modifier ("Special Initiatives": a portfolio word only before another)."""
    return frozenset(r["word"] for r in rows("portfolio_words", "word", "kind") if r["kind"] == kind)


def _nationals_words() -> frozenset[str]:
    return _portfolio_kind("nationals")


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


def _title_in_alias(written: str, leader) -> str | None:
    """"King Mohammed VI", "King Felipe": an alias that begins with one of the leader's own
    offices gives that title, as the article writes it."""
    for term in leader.terms:
        if written.startswith(term.office + " "):
            return term.office
    return None


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
                m.title = _title_in_alias(h.text, gaz.leaders[li])
                m.title_text = m.title
                _of_country(text, hits, i + 1, m, consumed)
                mentions.append(m)
                consumed.add(i)
        elif h.info.honorific:
            p = h.end + len(_SPACE.match(text, h.end).group())
            nm = NAME.match(text, p)
            if nm and not (i + 1 < n and hits[i + 1].start == p):
                name = clean_name(nm.group(), gaz)
                if name:
                    mentions.append(Mention(h.start, p + len(name), name, None, None,
                                            styles=_styles_ending(text, hits, i)))
                    consumed.add(i)
            elif (not nm and _STYLE.match(h.text) and not text.startswith("'", h.end)  # "Her Majesty's Government"
                  and not (i and hits[i - 1].info.honorific and hits[i - 1].end + 1 >= h.start)):
                # "His Highness stressed...": the person the article gave that style (coref.link)
                mentions.append(Mention(h.start, h.end, None, None, None, kind="style", styles=(h.text.lower(),)))
                consumed.add(i)
        i += 1
    persons = link(mentions, gaz, own_side, date)
    later_names(text, mentions, persons)
    return People(mentions, persons, consumed, hits)


def _styles_ending(text: str, hits: list[Hit], j: int) -> tuple[str, ...]:
    """Honorific hit ``j`` and those written right before it ("His Highness Sheikh"), lower case."""
    out: list[str] = []
    while j >= 0 and hits[j].info.honorific:
        out.append(hits[j].text.lower())
        if j == 0 or not hits[j - 1].info.honorific or text[hits[j - 1].end:hits[j].start].strip():
            break
        j -= 1
    return tuple(out)


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
    end = _portfolio_run(text, m.start() + len(m.group(1)), m.end())
    return end if end > m.start() + len(m.group(1)) else pos


def _portfolio_run(text: str, start: int, stop: int) -> int:
    """End of the portfolio words from ``start`` (capitalised words of portfolio_words, lower-case
    joining words between them, a demonym beside a nationals word), or ``start``."""
    words, nationals, modifiers = _portfolio_words(), _nationals_words(), _portfolio_kind("modifier")
    found = list(_TOKENS.finditer(text, start, stop))
    toks = [t.group() for t in found]
    ends = [t.end() for t in found]
    end = start
    for n, w in enumerate(toks):
        nxt = toks[n + 1] if n + 1 < len(toks) else ""
        if w[0].isupper() and w not in words and not (nxt in nationals or (n and toks[n - 1] in nationals)):
            break
        if w in modifiers and nxt not in words:
            break
        if w[0].isupper():
            end = ends[n]
    return end


def _portfolio_list_end(text: str, pos: int, hits: list[Hit], k: int) -> int:
    """"Minister of Foreign Affairs[, Regional Integration and Togolese Abroad]": after a portfolio
    ending at ``pos``, a comma list of more portfolios closed by "and"; its end, or ``pos``.
    Every item before the "and" is portfolio words only (so "Minister of Finance, Kwame Mensah
    and ..." is no list); the last one ends where its portfolio words do, before a name. An item
    holding a title is another person's ("..., and Foreign Minister Wang Yi"): no list."""
    cur = pos
    for n in range(8):
        m = _LIST_ITEM.match(text, cur)
        if not m or (n == 0 and m.group(1)[0] != ","):
            return pos
        while k < len(hits) and hits[k].start < m.start(2):
            k += 1
        j = k
        while j < len(hits) and hits[j].start < m.end(2):
            if hits[j].info.title:
                return pos
            j += 1
        end = _portfolio_run(text, m.start(2), m.end(2))
        if "and" in m.group(1):
            return end if end > m.start(2) else pos
        if end != m.end(2):
            return pos
        cur = end
    return pos


def _nationals_country(text: str, start: int, end: int, gaz: Gazetteer) -> str | None:
    """The country of a demonym beside a nationals word in a portfolio ("and Togolese Abroad",
    "Overseas Pakistanis": a plural demonym is read as its singular)."""
    nationals = _nationals_words()
    toks = [t.group() for t in _TOKENS.finditer(text, start, end)]
    for n, w in enumerate(toks):
        if w[0].isupper() and w not in nationals and (
                (n + 1 < len(toks) and toks[n + 1] in nationals) or (n and toks[n - 1] in nationals)):
            for form in (w, w[:-1] if w.endswith("s") else None):
                info = gaz.surfaces.get(form) if form else None
                if info is not None and info.country and info.country_kind == "demonym":
                    return info.country
    return None


def _read_titled(text: str, hits: list[Hit], i: int, gaz: Gazetteer, mentions: list[Mention], consumed: set[int],
                 date: dt.date | None) -> int:
    h = hits[i]
    start = h.start
    title = _title(h)
    country = org = None
    # qualifier before: "Chinese President", "India's Prime Minister", "Saudi Vice Minister of Defense"
    j = i - 1
    styles = _styles_ending(text, hits, j) if j >= 0 and text[hits[j].end:start].strip() == "" else ()
    while j >= 0 and j not in consumed and hits[j].info.honorific and text[hits[j].end:start].strip() == "":
        start = hits[j].start
        j -= 1
    title_from = h.start
    while True:  # "Vice Minister", "Deputy Prime Minister"... as written
        sp = text.rfind(" ", 0, title_from - 1)
        if text[sp + 1:title_from - 1] in title_modifiers() and text[title_from - 1] == " ":
            title_from = sp + 1
        else:
            break
    if j >= 0 and j not in consumed:
        gap = text[hits[j].end:start]
        if gap in (" ", "'s ", "' ", "-") or _qualifier_gap().fullmatch(gap):
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
    m = Mention(start, end, None, title, country, org, kind="title", title_text=text[title_from:end], styles=styles)
    # "President of Turkey ...", "Minister for Maritime Affairs of Indonesia" (a governor's "of
    # Georgia" is a state or province, and the name comes first: "Governor Kemp of Georgia")
    if title not in _SUBNATIONAL:
        k = _of_country(text, hits, k, m, consumed)
    else:
        k = _of_place(text, hits, k, m, consumed)
    pend = _portfolio_end(text, m.end)
    if pend > m.end or (m.end == end and _OF_IN_TITLE.search(text, title_from, end)):
        # "Minister for Planning, Development and Special Initiatives", "Minister of Foreign
        # Affairs, Regional Integration and Togolese Abroad": a comma list of portfolios
        pend = _portfolio_list_end(text, max(pend, m.end), hits, k)
    if pend > m.end:
        if m.end == end:
            m.title_text = text[title_from:pend]  # "Minister of Transport and Communications"
        if m.country is None and m.org is None:
            m.country = _nationals_country(text, m.end, pend, gaz)
        m.end = pend
        k = _skip_to(hits, k, pend, consumed)
        k = _of_country(text, hits, k, m, consumed)
    # the name
    p = m.end + len(_SPACE.match(text, m.end).group())
    while k < len(hits) and hits[k].start == p and hits[k].info.honorific:
        m.styles += (hits[k].text.lower(),)
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
    # "Ghana's Minister for Trade and Industry, Kwame Asante-Boateng,"; with no country, "the
    # Minister for Foreign Affairs, Kwame Asante-Boateng" (the own side's, as "the President" is)
    after = _NAME_AFTER_COMMA.match(text, m.end)
    if after and (m.country or m.org or _DEFINITE_BEFORE.search(text, max(0, start - 4), start)):
        name = clean_name(after.group(1), gaz)
        if name and all(w in _portfolio_words() for w in name.split(" ")):
            name = None  # "Minister of Foreign Affairs, Regional Integration and ...": a portfolio
        inside = [h2 for h2 in hits[k:k + 6] if h2.start < after.end(1) and h2.end > after.start(1)]
        if name and not any(h2.info.country or h2.info.org or h2.info.title for h2 in inside) and not any(
                # "with the President of France, Vladimir Putin and ...": a leader of another
                # country starts a new clause, not an apposition
                h2.text == name and h2.info.leaders and m.country
                and all(gaz.leaders[li].country != m.country for li in h2.info.leaders)
                for h2 in inside):
            at = text.find(name, after.start(1), after.end(1))  # after "Professor", "H.E."
            m.name, m.kind, m.end = name, "named", (at if at >= 0 else after.start(1)) + len(name)
            m.styles += tuple(h2.text.lower() for h2 in inside if h2.info.honorific)
            k = _skip_to(hits, k, m.end, consumed)
            li = known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
                if m.country is None and m.org is None:
                    m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
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
