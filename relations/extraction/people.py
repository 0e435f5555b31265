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

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import Gazetteer, Hit, fold
from .lexicon import column

_TOKEN = r"(?:[A-Z\u00c0-\u00de][\w'\u00c0-\u024f]*(?:-[A-Za-z\u00c0-\u024f][\w'\u00c0-\u024f]*)*\.?|(?:al|el|ad|as|ash|an)-[A-Z\u00c0-\u00de][\w'\u00c0-\u024f-]*)"
_PARTICLE = r"(?:bin|bint|ibn|binti|al|el|de|da|do|dos|das|del|della|di|du|van|von|der|den|la|le|y|ul|ud)"
_NAME = re.compile(rf"{_TOKEN}(?:[ ](?:{_PARTICLE}[ ])*{_TOKEN}){{0,5}}(?:,?[ ]Jr\.?)?")
_OF = re.compile(r"[ ](?:of|for)[ ](?:the[ ])?")
_SPACE = re.compile(r"[ ]*")
_THE_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Ii]ts)[ ]\Z")
_APPOSITION_NAME = re.compile(
    rf"({_TOKEN}(?:[ ](?:{_PARTICLE}[ ])*{_TOKEN}){{0,5}}),[ ](?:the[ ]|[A-Z][a-z]+'s[ ])?\Z"
)
_INITIAL = re.compile(r"\A[A-Z]\.\Z")
_PORTFOLIO = re.compile(r"([ ](?:for|of)[ ](?:the[ ])?)(?:[A-Z][\w'-]*)(?:[ ](?:[A-Z][\w'-]*|and|of|for|the)){0,10}")
_TOKENS = re.compile(r"[\w'-]+")
_ALNUM = re.compile(r"[a-z0-9]+")
_TO_TITLE = re.compile(r"[ ]to[ ](?:the[ ])?")
_NAME_AFTER_COMMA = re.compile(
    rf",[ ]({_TOKEN}(?:[ ](?:{_PARTICLE}[ ])*{_TOKEN}){{1,7}})(?=,|[ ](?:at|in|on|and|who|said|told)\b|[.;]|$)"
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


@lru_cache(maxsize=1)
def _portfolio_words() -> frozenset[str]:
    return frozenset(column("portfolio_words", "word"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(column("name_stopwords", "word"))


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str | None
    title: str | None
    country: str | None
    org: str | None = None
    leader: int | None = None
    kind: str = "named"  # named | title
    person: int = -1
    title_text: str | None = None  # the title as written ("Minister of Transport")


@dataclass(slots=True)
class Person:
    name: str | None
    title: str | None  # canonical ("Foreign Minister"), for matching
    country: str | None
    org: str | None
    leader: int | None
    tokens: set[str] = field(default_factory=set)
    first: int = 0
    inferred_country: bool = False
    title_text: str | None = None  # as the article first gives it


@dataclass(slots=True)
class People:
    mentions: list[Mention]
    persons: list[Person]
    consumed: set[int]  # indices of hits that are part of a person mention
    hits: list[Hit] = field(default_factory=list)  # the hits read (blocker phrases removed)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]


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


def _clean_name(raw: str, gaz: Gazetteer) -> str | None:
    stop = _stopwords()
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
            if _INITIAL.match(toks[0]) or toks[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "E", "H"):
                toks = toks[1:]
                continue
            break
    for n, tok in enumerate(toks):
        bare = tok.rstrip(".,")
        if n == 0 and bare in _SHORT_SURNAMES and len(toks) > 1 and toks[1][:1].isupper() and toks[1] not in stop:
            out.append(bare)  # "spokesperson He Yadong"
            continue
        info = gaz.surfaces.get(bare)
        if bare in stop or (info is not None and (info.country or info.capital_of or info.org or info.title)):
            break
        if tok.endswith(".") and not _INITIAL.match(tok) and bare != "Jr":
            out.append(bare)  # "...with Prime Minister Netanyahu." ends the sentence
            break
        out.append(tok.rstrip(","))
    while out and out[-1].lower() in ("bin", "al", "el", "de", "da", "van", "von", "der", "y"):
        out.pop()
    name = " ".join(out).strip()
    return name or None


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
            li = _pick_leader(gaz, h, None, date, None, None, _after_name(text, h.start))
            if li is not None:
                m = Mention(h.start, h.end, gaz.leaders[li].name, None, gaz.leaders[li].country,
                            gaz.leaders[li].organization, li)
                _of_country(text, hits, i + 1, m, consumed)
                mentions.append(m)
                consumed.add(i)
        elif h.info.honorific:
            p = h.end + len(_SPACE.match(text, h.end).group())
            nm = _NAME.match(text, p)
            if nm and not (i + 1 < n and hits[i + 1].start == p):
                name = _clean_name(nm.group(), gaz)
                if name:
                    mentions.append(Mention(h.start, p + len(name), name, None, None))
                    consumed.add(i)
        i += 1
    persons = _link(mentions, gaz, own_side, date)
    _later_names(text, mentions, persons)
    return People(mentions, persons, consumed, hits)


def _later_names(text: str, mentions: list[Mention], persons: list[Person]) -> None:
    """Add mentions of an article's people by one of their names ("Liu added", "Teodoro said")."""
    stop = _stopwords()
    names: dict[str, int] = {}
    for pid, p in enumerate(persons):
        if not p.name:
            continue
        toks = [t.strip(".,") for t in p.name.split()]
        cands = {toks[-1]} | ({toks[0]} if len(toks) in (2, 3) and len(toks[0]) <= 4 else set())
        for t in cands:
            if len(t) >= 2 and t[0].isupper() and t not in stop and t not in _SHORT_SURNAMES:
                names[t] = -1 if names.get(t, pid) != pid else pid
    if not names:
        return
    spans = [(m.start, m.end) for m in mentions]
    added = []
    for tok, pid in names.items():
        if pid < 0:
            continue
        pos = text.find(tok)
        while pos >= 0:
            end = pos + len(tok)
            if (pos == 0 or not text[pos - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                k = bisect.bisect_right(spans, (pos, len(text)))
                if not (k and spans[k - 1][1] > pos):
                    p = persons[pid]
                    added.append(Mention(pos, end, p.name, p.title, p.country, p.org, None, "named", pid, p.title_text))
            pos = text.find(tok, end)
    if added:
        mentions.extend(added)
        mentions.sort(key=lambda m: m.start)


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
        li = _pick_leader(gaz, hits[k], title, date, qual_country, qual_org, False)
    if li is not None:
        m.name, m.leader, m.end, m.kind = gaz.leaders[li].name, li, hits[k].end, "named"
        if m.country is None and m.org is None:
            m.country, m.org = gaz.leaders[li].country, gaz.leaders[li].organization
        consumed.add(k)
        k += 1
    elif p > m.end:
        nm = _NAME.match(text, p)
        name = _clean_name(nm.group(), gaz) if nm else None
        if name:
            m.name, m.end, m.kind = name, p + len(name), "named"
            k = _skip_to(hits, k, m.end, consumed)
            li = _known(gaz, name, title, date, m.country, m.org)
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
        name = _clean_name(after.group(1), gaz)
        if name and not any(h2.start < after.end(1) and h2.end > after.start(1)
                            and (h2.info.country or h2.info.org or h2.info.title) for h2 in hits[k:k + 6]):
            m.name, m.kind, m.end = name, "named", after.start(1) + len(name)
            li = _known(gaz, name, title, date, m.country, m.org)
            if li is not None:
                m.leader = li
            return _finish_mention(mentions, m, k)
    # "Advisor to the Prime Minister of the Czech Republic": an aide of a country's leader
    to = _TO_TITLE.match(text, m.end)
    if to and k < len(hits) and hits[k].start == to.end() and _leader(hits[k]) is not None and not _title(hits[k]):
        li = _pick_leader(gaz, hits[k], None, date, None, None, False)  # "adviser to Aliyev"
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
        name = _clean_name(am.group(1), gaz)
        if name:
            m.name, m.kind = name, "named"
            m.start = am.start(1)
            li = _known(gaz, name, title, date, m.country, m.org)
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


def _known(gaz: Gazetteer, name: str, title: str | None, date: dt.date | None,
           country: str | None, org: str | None) -> int | None:
    key = fold(name)
    idx = gaz.leader_by_alias.get(key)
    if not idx and key.count(" ") == 1:
        a, b = key.split(" ")
        idx = gaz.leader_by_alias.get(f"{b} {a}")  # "KISHIDA Fumio": family name first
    if not idx:
        return None
    return _choose(gaz, idx, title, date, country, org, single=" " not in name.strip())


_SUBNATIONAL = frozenset({"Governor"})
# family names that are also English function words; read as names only right after a title
_SHORT_SURNAMES = frozenset({"He", "An", "So", "Do", "Le", "Ma", "Su", "Mo", "Ye", "On"})
_GENERIC_TITLES = frozenset({"Counterpart", "Leader", "Head of State", "Head of Government", "Minister"})
_NAME_BEFORE = re.compile(r"([A-Z\u00c0-\u00de][\w'\u00c0-\u024f-]*)[ ]\Z")


def _after_name(text: str, start: int) -> bool:
    """Whether a capitalised name word stands right before ``start`` ("Julie Chavez", "Yury Borisov")."""
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return bool(m) and m.group(1) not in _stopwords()


def _office_fits(office: str, title: str) -> bool:
    a, b = fold(office).replace("-", " "), fold(title).replace("-", " ")
    return a == b or a in b or b in a


def _pick_leader(gaz: Gazetteer, hit: Hit, title: str | None, date: dt.date | None,
                 country: str | None, org: str | None, after_name: bool) -> int | None:
    """The known leader a gazetteer hit names here, or None when none fits the context."""
    cands = hit.info.leaders
    single = " " not in hit.text
    if single and after_name:
        return None  # "Julie Chavez Rodriguez" is not Hugo Chavez
    return _choose(gaz, cands, title, date, country, org, single)


def _choose(gaz: Gazetteer, cands: list[int], title: str | None, date: dt.date | None,
            country: str | None, org: str | None, single: bool) -> int | None:
    best, best_score = None, -1
    for li in cands:
        rec = gaz.leaders[li]
        if country and rec.country != country:
            continue
        if org and rec.organization != org:
            continue
        office = title is None or title in _GENERIC_TITLES or any(_office_fits(t.office, title) for t in rec.terms)
        if not office:
            continue  # "Speaker Johnson" is not Prime Minister Johnson
        in_office = date is None or gaz.in_office(li, date)
        if single and not in_office and title is None:
            continue  # a surname alone names the one who held office then
        score = 2 * in_office + (title is not None and any(_office_fits(t.office, title) for t in rec.terms))
        if score > best_score:
            best, best_score = li, score
    return best


def _tokens(name: str | None) -> set[str]:
    return set(_name_tokens(name)) if name else set()


@lru_cache(maxsize=4096)
def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in _ALNUM.findall(fold(name)) if len(t) > 1 and t not in ("al", "el", "bin", "jr", "de", "da"))


def _link(mentions: list[Mention], gaz: Gazetteer, own_side: str | None, date: dt.date | None) -> list[Person]:
    persons: list[Person] = []
    by_leader: dict[int, int] = {}
    for m in mentions:
        pid = None
        if m.leader is not None:
            pid = by_leader.get(m.leader)
        if pid is None and m.name:
            toks = _tokens(m.name)
            for q, p in enumerate(persons):
                if toks and toks & p.tokens and (m.country is None or p.country is None or m.country == p.country):
                    if m.leader is not None and p.leader is not None and m.leader != p.leader:
                        continue
                    pid = q
                    break
        if pid is None and m.kind == "title":
            # "the President": the article's own side's when it has one by that title (a readout
            # speaks of its own President so), else the last person with that title
            same = [q for q in range(len(persons) - 1, -1, -1) if persons[q].title == m.title
                    and (m.country is None or persons[q].country in (m.country, None))]
            own = [q for q in same if m.country is None and own_side and persons[q].country == own_side]
            if own or same:
                pid = (own or same)[0]
            if pid is None and m.country is None and m.org is None and own_side:
                holder = _holder(gaz, own_side, m.title, date)
                if holder is not None:
                    pid = by_leader.get(holder)
                    if pid is None:
                        rec = gaz.leaders[holder]
                        persons.append(Person(rec.name, m.title, own_side, None, holder, _tokens(rec.name), m.start,
                                              title_text=m.title_text))
                        pid = len(persons) - 1
                        by_leader[holder] = pid
        if pid is None:
            persons.append(Person(m.name, m.title, m.country, m.org, m.leader, _tokens(m.name), m.start,
                                  title_text=m.title_text))
            pid = len(persons) - 1
            if m.leader is not None:
                by_leader[m.leader] = pid
        else:
            p = persons[pid]
            if p.name is None and m.name:
                p.name = m.name
                p.tokens |= _tokens(m.name)
            elif m.name and len(m.name) > len(p.name or ""):
                p.name = m.name
            if p.title is None or p.title == "Counterpart":
                p.title = m.title or p.title
                p.title_text = m.title_text or p.title_text
            if p.country is None and p.org is None:
                p.country, p.org = m.country, m.org
            if p.leader is None and m.leader is not None:
                p.leader = m.leader
                by_leader[m.leader] = pid
        m.person = pid
        if m.country is None and m.org is None:
            m.country, m.org = persons[pid].country, persons[pid].org
    # "talks with his Philippine counterpart ... Defense Secretary Gilberto Teodoro": a nameless
    # counterpart is the one person of that country named later
    for q, p in enumerate(persons):
        if p.name is None and p.country and p.title in ("Counterpart", "Leader"):
            named = [r for r in range(len(persons)) if persons[r].name and persons[r].country == p.country]
            if len(named) == 1 and persons[named[0]].first > p.first:
                for m in mentions:
                    if m.person == q:
                        m.person = named[0]
    for p in persons:
        if p.country is None and p.org is None and own_side:
            p.country, p.inferred_country = own_side, True
    for m in mentions:
        if m.country is None and m.org is None:
            m.country = persons[m.person].country
    return persons


def _holder(gaz: Gazetteer, country: str, title: str | None, date: dt.date | None) -> int | None:
    """The known leader who held ``title`` for ``country`` on ``date``."""
    if not title or date is None:
        return None
    for i, t in gaz.offices.get((country, fold(title)), ()):
        if (t.start is None or t.start <= date) and (t.end is None or date <= t.end):
            return i
    return None
