"""Link mentions to persons: "Xi" and "the President" to whom the article introduced before,
later bare names ("Liu added") to the person of that name, and a nameless counterpart to the
one person of that country named later."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .gazetteer import Gazetteer, fold
from .known import holder
from .mentions import Mention, Person
from .names import SHORT_SURNAMES, stopwords, strip_accents, title_modifiers, tokens


def later_names(text: str, mentions: list[Mention], persons: list[Person]) -> None:
    """Add mentions of an article's people by one of their names ("Liu added", "Teodoro said")."""
    stop = stopwords()
    names: dict[str, int] = {}
    for pid, p in enumerate(persons):
        if not p.name:
            continue
        toks = [t.strip(".,") for t in p.name.split()]
        cands = {toks[-1]} | ({toks[0]} if len(toks) in (2, 3) and len(toks[0]) <= 4 else set())
        for t in cands:
            if len(t) >= 2 and t[0].isupper() and t not in stop and t not in SHORT_SURNAMES:
                for form in {t, strip_accents(t)}:  # "Phạm" is often written "Pham"
                    names[form] = -1 if names.get(form, pid) != pid else pid
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


def _same_name(a: set[str], b: set[str], a_last: str | None, b_last: str | None,
               a_given: str | None = None, b_given: str | None = None) -> bool:
    """"Xi" and "Xi Jinping", "Joe Biden" and "Joseph R. Biden": one name's words within the
    other's, or the same family name; "Li Qiang" and "Li Hui" share a word but are two people,
    and so are "Mohamed bin Zayed Al Nahyan" and "Abdullah bin Zayed Al Nahyan" (two given
    names before "bin": brothers)."""
    if not a or not b:
        return False
    if a <= b or b <= a:
        return True
    if a_given and b_given and a_given != b_given:
        return False
    return len(a) > 1 and len(b) > 1 and a_last is not None and a_last == b_last and not _other_initial(a, b, a_last)


def _other_initial(a: set[str], b: set[str], last: str) -> bool:
    """"Kamala Harris" and "Grant Harris": two names of two words with the same family name whose
    other words start with different letters are two people ("Joe Biden", "Joseph Biden" are one)."""
    ra, rb = a - {last}, b - {last}
    if len(ra) != 1 or len(rb) != 1:
        return False
    return next(iter(ra))[0] != next(iter(rb))[0]


_PATRONYMIC = re.compile(r"(\w+)[ ](?:bin|bint|ibn|binti)[ ]", re.IGNORECASE)


def _given(name: str | None) -> str | None:
    """The given name of a patronymic name ("Abdullah" of "Abdullah bin Zayed") or of a name of
    three words or more ("Shafqat" of "Shafqat Ali Khan", who is not "Iqbal Hussain Khan"),
    folded."""
    m = _PATRONYMIC.search(name) if name else None
    if m:
        return fold(m.group(1))
    if not name:
        return None
    toks = tokens(name)
    words = [w for w in fold(name).replace(",", " ").split() if w.strip(".") in toks]
    return words[0].strip(".") if len(words) >= 3 else None


def _last(name: str | None) -> str | None:
    toks = sorted(tokens(name), key=lambda t: -len(t)) if name else []
    words = [w for w in fold(name).replace(",", " ").split() if w.strip(".") in tokens(name)] if name else []
    return words[-1].strip(".") if words else (toks[0] if toks else None)


def _modified(title_text: str | None) -> str | None:
    """The modifier that makes a title another office ("Vice", "Deputy", "Acting" in "Vice Prime
    Minister": lexicon/title_modifiers.tsv), or None."""
    if not title_text:
        return None
    first = title_text.split(" ", 1)[0]
    return first.lower() if first in title_modifiers() else None


def link(mentions: list[Mention], gaz: Gazetteer, own_side: str | None, date: dt.date | None,
         text: str = "") -> list[Person]:
    persons: list[Person] = []
    by_leader: dict[int, int] = {}
    by_token: dict[str, list[int]] = {}  # name word -> persons who have it (so linking stays linear)
    titled_unnamed: set[int] = set()  # persons whose title so far comes from a nameless headline-like mention
    styled: dict[str, int] = {}  # honorific style -> the last person given it ("his highness")
    last_end: dict[int, int] = {}  # person -> where its last mention ends
    unresolved = False
    for m in mentions:
        pid = None
        if m.kind == "style":
            # "His Highness stressed...": the person last introduced with that style
            pid = styled.get(m.styles[0]) if m.styles else None
            if pid is None:
                unresolved = True
                continue
            m.person = pid
            m.country, m.org = persons[pid].country, persons[pid].org
            continue
        if m.leader is not None:
            pid = by_leader.get(m.leader)
        if pid is None and m.name:
            toks = tokens(m.name)
            last = _last(m.name)
            candidates = sorted({q for t in toks for q in by_token.get(t, ())})
            for q in candidates:
                p = persons[q]
                if _same_name(toks, p.tokens, last, _last(p.name), _given(m.name), _given(p.name)) and (
                        m.country is None or p.country is None or m.country == p.country):
                    if m.leader is not None and p.leader is not None and m.leader != p.leader:
                        continue
                    pid = q
                    break
        if pid is None and m.kind == "title" and m.country is None and m.org is None and text and _VISITING.search(
                text, max(0, m.start - 14), m.start):
            # "The visiting minister also held talks with ...": the guest, the last person named
            # who is not of the publisher's side
            guests = [q for q in sorted(last_end, key=last_end.get, reverse=True)
                      if persons[q].name and persons[q].country and persons[q].country != own_side]
            if guests:
                pid = guests[0]
        if pid is None and m.kind == "title":
            # "the President": the article's own side's when it has one by that title (a readout
            # speaks of its own President so), else the last person with that title
            modified = _modified(m.title_text)
            same = [q for q in range(len(persons) - 1, -1, -1) if persons[q].title == m.title
                    and _modified(persons[q].title_text) == modified
                    and (m.country is None or persons[q].country == m.country
                         or (persons[q].country is None and not _same_sentence(text, last_end.get(q), m.start)))]
            if not same and m.country:
                # "his visiting Pakistani counterpart Hina Rabbani Khar ... The Pakistani foreign
                # minister also met": the one named counterpart of that country holds that office
                same = [q for q in range(len(persons) - 1, -1, -1) if persons[q].title == "Counterpart"
                        and persons[q].country == m.country and persons[q].name]
                same = same if len(same) == 1 else []
            own = [q for q in same if m.country is None and own_side and persons[q].country in (own_side, None)
                   and persons[q].org is None]  # no country yet: the own side's at the end
            if own or same:
                pid = (own or same)[0]
            # "the Prime Minister" is the own side's; "Vice Prime Minister" is not its holder
            if pid is None and m.country is None and m.org is None and own_side and not modified:
                office = holder(gaz, own_side, m.title, date)
                if office is not None:
                    pid = by_leader.get(office)
                    if pid is None:
                        rec = gaz.leaders[office]
                        persons.append(Person(rec.name, m.title, own_side, None, office, tokens(rec.name), m.start,
                                              title_text=m.title_text))
                        pid = len(persons) - 1
                        by_leader[office] = pid
                        titled_unnamed.add(pid)
                        _index(by_token, persons[pid].tokens, pid)
        if pid is None:
            persons.append(Person(m.name, m.title, m.country, m.org, m.leader, tokens(m.name), m.start,
                                  title_text=m.title_text))
            pid = len(persons) - 1
            _index(by_token, persons[pid].tokens, pid)
            if m.leader is not None:
                by_leader[m.leader] = pid
        else:
            p = persons[pid]
            if p.name is None and m.name:
                p.name = m.name
                p.tokens |= tokens(m.name)
                _index(by_token, p.tokens, pid)
            elif m.name and len(m.name) > len(p.name or ""):
                p.name = m.name
            if p.title is None or p.title == "Counterpart" or (pid in titled_unnamed and m.name and m.title):
                # a named mention's title beats one read from "the Prime Minister and Minister of ..."
                p.title = m.title or p.title
                p.title_text = m.title_text or p.title_text
                if m.name and m.title:
                    titled_unnamed.discard(pid)
            if p.country is None and p.org is None:
                p.country, p.org = m.country, m.org
            if p.leader is None and m.leader is not None:
                p.leader = m.leader
                by_leader[m.leader] = pid
        m.person = pid
        last_end[pid] = m.end
        for st in m.styles:
            styled[st] = pid
        if m.country is None and m.org is None:
            m.country, m.org = persons[pid].country, persons[pid].org
    if unresolved:  # a style no one was given: no one can be told
        mentions[:] = [m for m in mentions if m.person >= 0]
    merged = _counterparts_named_later(mentions, persons) | _titles_named_later(mentions, persons)
    if merged:
        _drop(merged, mentions, persons)
    for p in persons:
        if p.country is None and p.org is None and own_side:
            p.country = own_side
    for m in mentions:
        if m.country is None and m.org is None:
            m.country = persons[m.person].country
    return persons


_VISITING = re.compile(r"\b[Tt]he[ ]visiting[ ]\Z")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d]?\s")


_OTHER_PARTY = re.compile(r"\b(?:from|with|and|by|to|met|meets|received|receives|hosted|hosts|called|"
                          r"telephoned|phoned|thanked)[ ](?:the[ ]|his[ ]|her[ ])?\Z")


def _same_sentence(text: str, end: int | None, start: int) -> bool:
    """Whether a nameless mention is another party of the sentence that named a person: "Foreign
    Minister Al Zayani received a call from the Foreign Minister of Cyprus" names two people
    ("Guaido as the Interim President of Venezuela" one)."""
    return (end is not None and bool(text) and _SENTENCE_END.search(text, end, start) is None
            and _OTHER_PARTY.search(text, max(end, start - 20), start) is not None)


def _index(by_token: dict[str, list[int]], toks: set[str], pid: int) -> None:
    for t in toks:
        lst = by_token.setdefault(t, [])
        if pid not in lst:
            lst.append(pid)


def _counterparts_named_later(mentions: list[Mention], persons: list[Person]) -> set[int]:
    # "talks with his Philippine counterpart ... Defense Secretary Gilberto Teodoro": a nameless
    # counterpart is the one person of that country named later
    merged: set[int] = set()
    for q, p in enumerate(persons):
        if p.name is None and p.country and p.title in ("Counterpart", "Leader"):
            named = [r for r in range(len(persons)) if persons[r].name and persons[r].country == p.country]
            if len(named) == 1 and persons[named[0]].first > p.first:
                _move(mentions, q, named[0])
                merged.add(q)
    return merged


def _titles_named_later(mentions: list[Mention], persons: list[Person]) -> set[int]:
    """"Kenyan Foreign Minister pays visit" over a body that names "the Minister of Foreign
    Affairs, Jane Wambui": a nameless mention of a stated country's office is the one person of
    that country and office (the same canonical title) named later."""
    merged: set[int] = set()
    for q, p in enumerate(persons):
        if p.name is not None or not (p.country or p.org) or p.title in (None, "Counterpart", "Leader"):
            continue
        named = [r for r, o in enumerate(persons) if o.name and o.title == p.title
                 and o.country == p.country and o.org == p.org and _same_office(p, o)]
        if not named and p.country:
            # "congratulated the Singaporean president ... In his message to President Tony Tan":
            # the one holder of that office named later with no country of his own
            named = [r for r, o in enumerate(persons) if o.name and o.title == p.title and o.country is None
                     and o.org is None and o.leader is None and _same_office(p, o)]
            if len(named) == 1 and persons[named[0]].first > p.first:
                persons[named[0]].country = p.country
        if len(named) == 1 and persons[named[0]].first > p.first:
            _move(mentions, q, named[0])
            merged.add(q)
    return merged


def _same_office(nameless: Person, named: Person) -> bool:
    """Whether the words written before the nameless mention's office add nothing to it ("First
    President of Kazakhstan" is another office than its President; "Deputy Prime Minister and
    Minister of Foreign Affairs" after the office is the same)."""
    said = (nameless.title_text or "").lower()
    at = said.find(nameless.title.lower().split(" ")[0]) if nameless.title else -1
    before = set(_WORD.findall(said[:at])) if at > 0 else set()
    known = set(_WORD.findall(f"{nameless.title} {named.title_text or ''}".lower()))
    return before <= known | _JOINING


_WORD = re.compile(r"[\w'-]+")
_JOINING = frozenset({"of", "for", "the", "and"})


def _move(mentions: list[Mention], old: int, new: int) -> None:
    for m in mentions:
        if m.person == old:
            m.person = new


def _drop(merged: set[int], mentions: list[Mention], persons: list[Person]) -> None:
    """Forget the persons merged into others, renumbering the mentions' links."""
    new_id: dict[int, int] = {}
    kept: list[Person] = []
    for q, p in enumerate(persons):
        if q not in merged:
            new_id[q] = len(kept)
            kept.append(p)
    persons[:] = kept
    for m in mentions:
        m.person = new_id[m.person]
