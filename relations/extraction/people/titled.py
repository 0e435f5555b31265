"""A mention that starts with a title: its qualifier, portfolio, name, and the apposition around it."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..gazetteer import Gazetteer, Hit
from ..known import known, pick_leader
from ..lexicon import alternation, tagged
from ..mentions import Mention
from ..names import (
    NAME,
    PARTICLE,
    TOKEN,
    clean_name,
    institution_words,
    title_modifiers,
)
from .around import (
    KIN,
    OF,
    STATE_FORM,
    SPACE,
    envoy_titles,
    leader_of,
    of_country,
    of_place,
    qualifier_of,
    skip_to,
    styles_ending,
    title_of,
)
from .portfolios import (
    nationals_country,
    portfolio_end,
    portfolio_list_end,
    portfolio_words,
)

# "the visiting minister": a guest, the party that is not the publisher's (coref.link)
VISITING_BEFORE = re.compile(r"\b[Tt]he[ ]visiting[ ]\Z")
THE_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Ii]ts)[ ]\Z")
_APPOSITION_NAME = re.compile(
    rf"({TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{0,5}}),[ ](?:the[ ]|[A-Z][a-z]+'s[ ])?\Z"
)


_OF_IN_TITLE = re.compile(r"[ ](?:of|for)[ ]")
_DEFINITE_BEFORE = re.compile(r"\b[Tt]he[ ]\Z")


_TO_TITLE = re.compile(r"[ ]to[ ](?:the[ ])?")
_NAME_AFTER_COMMA = re.compile(
    rf",[ ]({TOKEN}(?:[ ](?:{PARTICLE}[ ])*{TOKEN}){{1,7}})(?=,|[ ](?:at|in|on|and|who|said|told)\b|[.;]|$)"
)
_DESTINATION = re.compile(r"[ ]to[ ](?:the[ ])?")
_HOST_STATE = re.compile(r"(?:Kingdom|Sultanate|Emirates|State|Republic|Court)\b")
_LED_BY = re.compile(r"\b(?:(?:delegation|team|mission)[ ](?:of|from)[ ](?:the[ ])?(?P<c>[^,;]{2,60}?)"
                     r"|(?P<d>[A-Z][\w'-]+)[ ](?:delegation|team|mission)(?:[ ](?:was|is|were))?)[ ]led[ ]by[ ]\Z")


@lru_cache(maxsize=1)
def _qualifier_gap() -> re.Pattern[str]:
    """Between a country qualifier and a title: "Saudi Vice Minister", "Republic of Korea (ROK) ..."."""
    words = alternation(tagged("title_modifiers", "word", "uses", "qualifier")).replace(r"\ ", "[ ]")
    return re.compile(rf"(?:['\u2019]s)?[ ](?:\([A-Z]{{2,6}}\)[ ])?(?:(?:{words})[ ])*")


# titles that take a portfolio written before them ("Agriculture Secretary", "Trade Cabinet Secretary")
_PORTFOLIO_TITLES = frozenset({"Minister", "Secretary", "Cabinet Secretary", "State Minister", "Minister of State",
                               "Deputy Minister", "Vice Minister", "Undersecretary", "Permanent Secretary",
                               "Principal Secretary"})
_JOINING = frozenset({"and", "of", "for", "the"})


def _portfolio_before(text: str, pos: int, floor: int) -> int:
    """Start of the portfolio words written right before a title at ``pos`` ("Philippine
    [Agriculture] Secretary", "Kenyan [Trade] Cabinet Secretary"), not before ``floor``; or ``pos``."""
    words = portfolio_words()
    start = good = pos
    while start > floor + 1 and text[start - 1] == " ":
        sp = _word_start(text, floor, start - 1)
        w = text[sp:start - 1]
        if w == "and" and good < pos:  # "Health and Human Services Secretary"
            start = sp
            continue
        if not w or not w[0].isupper() or w not in words or w in _JOINING:
            break
        start = good = sp
    return good


def _word_start(text: str, floor: int, end: int) -> int:
    """Where the word that ends at ``end`` starts (after a space or a line break), not before ``floor``."""
    start = end
    while start > floor and not text[start - 1].isspace():
        start -= 1
    return start


# a present-tense plural verb right after "Name, title": the two are a pair ("X, Y minister hold talks")
_PAIR_VERB = re.compile(r"[ ](?:hold|meet|discuss|agree|sign|talk|vow|pledge|review|explore|seek|urge|call|exchange"
                        r"|reaffirm|underline|stress|renew|launch|mull|eye)\b")
_AT_MINISTRY = re.compile(r"[ ]at[ ](?:the[ ]|(?P<poss>[A-Z][\w'-]+(?:[ ][A-Z][\w'-]+){0,2})['\u2019]s[ ])"
                          r"(?:Ministry|Department|Office|Secretariat)(?=[ ](?:of|for)[ ])")
_SUBNATIONAL = frozenset({"Governor"})
# a state's form with no name after it: the title's own country ("President of the Republic")
_OF_THE_STATE = re.compile(r"[ ]of[ ]the[ ](?:Republic|State|Kingdom|Federation|Union|Nation|Country)\b(?![ ]of\b|[ ](?-i:[A-Z]))")
_REGION_OF = re.compile(r"[ ]of[ ](?:the[ ])?(?:[A-Z][\w'-]*[ ]){1,3}(?:Region|Province|Oblast|Territory|Krai|District|County"
                        r"|Governorate|Prefecture|State)(?=[ ](?-i:[A-Z])[a-z])")
_DEPUTY_HEADS = frozenset({"Deputy Prime Minister", "First Deputy Prime Minister", "Vice Premier"})


def read_titled(text: str, hits: list[Hit], i: int, gaz: Gazetteer, mentions: list[Mention], consumed: set[int],
                 date: dt.date | None) -> int:
    h = hits[i]
    start = h.start
    title = title_of(h)
    country = org = None
    qualified = False
    # qualifier before: "Chinese President", "India's Prime Minister", "Saudi Vice Minister of Defense"
    j = i - 1
    styles = styles_ending(text, hits, j) if j >= 0 and text[hits[j].end:start].strip() == "" else ()
    while j >= 0 and j not in consumed and hits[j].info.honorific and text[hits[j].end:start].strip() == "":
        start = hits[j].start
        j -= 1
    title_from = h.start
    while True:  # "Vice Minister", "Deputy Prime Minister"... as written
        sp = _word_start(text, 0, title_from - 1)
        if text[sp:title_from - 1] in title_modifiers() and text[title_from - 1] == " ":
            title_from = sp
        else:
            break
    if title in _PORTFOLIO_TITLES and title_from == h.start:
        title_from = _portfolio_before(text, title_from, hits[j].end if j >= 0 else 0)
    if j >= 0 and j not in consumed:
        gap = text[hits[j].end:start if title_from >= start else title_from]
        if gap in (" ", "'s ", "' ", "-") or _qualifier_gap().fullmatch(gap):
            c, o = qualifier_of(hits[j])
            if c or o:
                country, org = c, o
                start = hits[j].start
                consumed.add(j)
                qualified = True
    consumed.add(i)
    # compound title: "Crown Prince and Prime Minister", "Deputy Prime Minister and Foreign Minister"
    k = i + 1
    end = h.end
    # "Vice Prime Minister, Minister of Foreign Affairs of Turkmenistan Rashid Meredov": a deputy
    # head of government's portfolio follows a comma or a dash
    deputy = (title == "Prime Minister" and title_from < h.start) or title in _DEPUTY_HEADS
    while k < len(hits) and title_of(hits[k]) and (text[end:hits[k].start] in (" and ", " & ", "/", " / ") or (
            deputy and k == i + 1 and text[end:hits[k].start] in (", ", " - ", " – ", " — "))):
        title = title if title_of(hits[k]) == "Counterpart" else title_of(hits[k]) if title in ("Crown Prince",) else title
        end = hits[k].end
        consumed.add(k)
        k += 1
    if country is None and org is None:
        # "a delegation of the Republic of Kazakhstan led by Vice Minister ..."
        led = _LED_BY.search(text, max(0, start - 120), start) if text.endswith("led by ", 0, start) else None
        if led:
            for h2 in hits[max(0, i - 6):i]:
                grp = "c" if led.group("c") else "d"
                if h2.start >= led.start(grp) and h2.end <= led.end(grp):
                    country, org = qualifier_of(h2, capitals=False)
                    if country or org:
                        break
    m = Mention(start, end, None, title, country, org, kind="title", title_text=text[title_from:end], styles=styles,
                qualified=qualified)
    # "President of Turkey ...", "Minister for Maritime Affairs of Indonesia" (a governor's "of
    # Georgia" is a state or province, and the name comes first: "Governor Kemp of Georgia")
    if title not in _SUBNATIONAL:
        k = of_country(text, hits, k, m, consumed)
    else:
        k = of_place(text, hits, k, m, consumed)
        region = _REGION_OF.match(text, m.end)
        if region and m.end == end:
            m.title_text, m.end = text[title_from:region.end()], region.end()  # "Governor of the Kemerovo Region"
            k = skip_to(hits, k, m.end, consumed)
    generic = _OF_THE_STATE.match(text, m.end)
    if generic and m.end == end:
        m.end = generic.end()  # "the Indian President of the Republic, Abdul Kalam", "President of the State"
        m.title_text = text[title_from:m.end]
    pend = portfolio_end(text, m.end)
    if pend > m.end or (m.end == end and _OF_IN_TITLE.search(text, title_from, end)):
        # "Minister for Planning, Development and Special Initiatives", "Minister of Foreign
        # Affairs, Regional Integration and Togolese Abroad": a comma list of portfolios
        pend = portfolio_list_end(text, max(pend, m.end), hits, k)
    if pend > m.end:
        if m.end == end:
            m.title_text = text[title_from:pend]  # "Minister of Transport and Communications"
        if m.country is None and m.org is None:
            m.country = nationals_country(text, m.end, pend, gaz)
        m.end = pend
        k = skip_to(hits, k, pend, consumed)
        k = of_country(text, hits, k, m, consumed)
    if m.country is None and m.org is None:
        k = _body_of_country(text, hits, k, m, consumed, title_from)
    # "Ambassador of Italy to Tunisia, Alessandra Conti", "Japan's Ambassador to the Kingdom Kenji
    # Morioka": the country an envoy is posted to is no country of theirs, and the name follows it
    if m.country is not None or m.org is not None or title in envoy_titles():
        dest = _DESTINATION.match(text, m.end)
        if dest:
            if k < len(hits) and hits[k].start == dest.end() and (hits[k].info.country or hits[k].info.capital_of):
                m.end = hits[k].end
                consumed.add(k)
                k += 1
            else:
                host = _HOST_STATE.match(text, dest.end())
                if host:
                    m.end = host.end()
    # "Secretary (East) at India's Ministry of External Affairs, Arvind Kumar Shastri", "Minister
    # of State at the Ministry of Foreign Affairs, Name": the ministry the office sits in
    at = _AT_MINISTRY.match(text, m.end)
    if at:
        body_end = portfolio_end(text, at.end())
        if body_end > at.end():
            if at.group("poss") and m.country is None and m.org is None:
                for h2 in hits[k:k + 4]:
                    if h2.start >= at.start("poss") and h2.end <= at.end("poss"):
                        m.country, m.org = qualifier_of(h2)
                        break
            m.end = body_end
            k = skip_to(hits, k, body_end, consumed)
    # the name
    p = m.end + len(SPACE.match(text, m.end).group())
    while k < len(hits) and hits[k].start == p and hits[k].info.honorific:
        m.styles += (hits[k].text.lower(),)
        consumed.add(k)
        p = hits[k].end + len(SPACE.match(text, hits[k].end).group())
        k += 1
    li = None
    if p > m.end and k < len(hits) and hits[k].start == p and leader_of(hits[k]) is not None and not title_of(hits[k]):
        qual_country, qual_org = m.country, m.org
        if qual_country is None and qual_org is None:
            of = OF.match(text, hits[k].end)
            if of and k + 1 < len(hits) and hits[k + 1].start == of.end():
                qual_country, qual_org = qualifier_of(hits[k + 1], capitals=True)
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
            at = text.find(name, p, nm.end())  # after a body's name cut off it: "of the National Assembly [Name]"
            at = p if at < 0 else at
            if at > p and m.title_text is not None and any(w in institution_words() for w in text[p:at].split()):
                m.title_text = text[title_from:at].rstrip()  # "Chairman of the National Assembly"
            m.name, m.end, m.kind = name, at + len(name), "named"
            k = skip_to(hits, k, m.end, consumed)
            li = known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
                if m.country is None and m.org is None:
                    m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
    if m.kind == "named":
        # "Prime Minister Modi of India"
        if title not in _SUBNATIONAL:
            k = of_country(text, hits, k, m, consumed)
        else:
            k = of_place(text, hits, k, m, consumed)
        return _finish_mention(mentions, m, k)
    # "Ghana's Minister for Trade and Industry, Kwame Asante-Boateng,"; with no country, "the
    # Minister for Foreign Affairs, Kwame Asante-Boateng" (the own side's, as "the President" is)
    after = _NAME_AFTER_COMMA.match(text, m.end)
    if after and (m.country or m.org or _DEFINITE_BEFORE.search(text, max(0, start - 4), start)):
        name = clean_name(after.group(1), gaz)
        if name and all(w in portfolio_words() for w in name.split(" ")):
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
            k = skip_to(hits, k, m.end, consumed)
            li = known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
                if m.country is None and m.org is None:
                    m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
            return _finish_mention(mentions, m, k)
    # "Advisor to the Prime Minister of the Czech Republic": an aide of a country's leader
    to = _TO_TITLE.match(text, m.end)
    if to and k < len(hits) and hits[k].start == to.end() and leader_of(hits[k]) is not None and not title_of(hits[k]):
        li = pick_leader(gaz, hits[k], None, date, None, None, False)  # "adviser to Aliyev"
        if li is not None and m.country is None and m.org is None:
            m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
    elif to and k < len(hits) and hits[k].start == to.end() and title_of(hits[k]):
        aide = Mention(hits[k].start, hits[k].end, None, title_of(hits[k]), None)
        consumed.add(k)
        k = of_country(text, hits, k + 1, aide, consumed)
        if aide.country or aide.org:
            if m.country is None and m.org is None:
                m.country, m.org = aide.country, aide.org
            m.end = aide.end
    # "Alejandro Giammattei, President of Guatemala"
    # (not "Mar-a-Lago, the president's Florida resort": a possessive title is no apposition)
    am = _APPOSITION_NAME.search(text, max(0, start - 80), start) if text.find(",", max(0, start - 6), start) >= 0 and not (
        text.startswith(("'s ", "’s "), end)) else None
    if am and mentions and mentions[-1].name and mentions[-1].end > am.start(1) and mentions[-1].title:
        am = None  # "Minister of Energy Nikolai Shulginov, Chairman of ...": that name is the minister's
    if am and _PAIR_VERB.match(text, m.end):
        am = None  # "Mudavadi, DRC foreign minister hold talks": a headline's pair, not an apposition
    if am and _SENTENCE_INSIDE.search(am.group(1)):
        am = None  # "... Sergei Tsivilev. Next Tuesday, the Prime Minister": another sentence's words
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
    elif not (m.country or m.org) and not THE_BEFORE.search(text, max(0, start - 8), start) and not (
            VISITING_BEFORE.search(text, max(0, start - 14), start)):
        if not title[0].isupper() or not text[h.start].isupper():
            return k  # a bare lower-case "president": not a reference to a person
    return _finish_mention(mentions, m, k)


# "Chairman of the Transitional Sovereignty Council in the sisterly Republic of Sudan",
# "President of the Presidential Council of the State of Libya": a body of state, then its country
_BODY = (r"(?:Council|Assembly|Parliament|Senate|Court|Committee|Commission|Cabinet|Government|Presidency|Chamber"
         r"|Congress|Front|Movement|Party|Authority|Duma|Majlis|Shura|Junta)")
_BODY_OF = re.compile(rf"(?P<body>(?:[ ](?:of|for)[ ](?:the[ ])?|(?P<cut>[ ]))(?:[A-Z][\w'-]*[ ]){{0,5}}?{_BODY})?"
                      rf"[ ](?:of|in)[ ](?:the[ ])?{KIN}{STATE_FORM}")
_ENDS_WITH_BODY = re.compile(rf"{_BODY}\Z")
_SENTENCE_INSIDE = re.compile(r"[a-z\u00df-\u024f]{2}\.[ ]")
_BODY_ONLY = re.compile(rf"(?:[ ](?:of|for)[ ]the[ ]|(?P<cut>[ ]))(?:[A-Z][\w'-]*[ ]){{0,4}}?"
                        rf"(?:{_BODY}|Service|Agency|Bureau|Office|Administration|Ministry|Department|Directorate"
                        r"|Staff|Guard|Bank|Fund|Institute|Centre|Center|Corporation|Organisation|Organization)"
                        r"(?=[ ](?-i:[A-Z])[a-z])")
_CUT_IN_BODY = re.compile(r"[ ](?:of|for)[ ]the[ ](?:[A-Z][\w'-]*[ ]?){1,3}\Z")


def _body_of_country(text: str, hits: list[Hit], k: int, m: Mention, consumed: set[int], title_from: int) -> int:
    b = _BODY_OF.match(text, m.end)
    if b and (b.group("body") or _ENDS_WITH_BODY.search(text, max(0, m.end - 12), m.end)) and not (
            b.group("cut") is not None and not _CUT_IN_BODY.search(text, max(0, m.end - 40), m.end)):
        # ("Chairman Council": a body's name goes on only where the portfolio cut it, "of the National")
        j = k
        while j < len(hits) and hits[j].start < b.end():
            j += 1
        if j < len(hits) and hits[j].start == b.end():
            country, _org = qualifier_of(hits[j], capitals=False)
            if country:
                m.title_text = text[title_from:b.end("body") if b.group("body") else m.end]
                m.country, m.end = country, hits[j].end
                return skip_to(hits, j + 1, m.end, consumed)
    body = _BODY_ONLY.match(text, m.end)
    if body and body.group("cut") is None:
        # "Chairman of the Accounts Chamber Alexei Kudrin": the body is part of the title, the name follows
        m.title_text = text[title_from:body.end()]
        m.end = body.end()
        return skip_to(hits, k, m.end, consumed)
    return k


def _finish_mention(mentions: list[Mention], m: Mention, k: int) -> int:
    mentions.append(m)
    return k
