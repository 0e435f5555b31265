"""What stands right around a title or a name: the country it qualifies, "of COUNTRY", styles ("His Highness")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Hit
from ..lexicon import tagged
from ..mentions import Mention

# "of the sisterly State of Qatar", "of the Republic of Sudan": kinship words and a state's form
# before the country's own name
KIN = r"(?:(?:sisterly|brotherly|friendly|fraternal)[ ])?"
STATE_FORM = (r"(?:(?:(?:Islamic|Arab|Federal|Democratic|People's|United)[ ])?(?:Republic|Kingdom|State|Sultanate"
              r"|Emirates?|Federation|Commonwealth|Principality)[ ]of[ ](?:the[ ])?)?")
OF = re.compile(r"[ ](?:of|for)[ ](?:the[ ])?")
OF_KIN = re.compile(rf"[ ](?:of|for)[ ](?:the[ ])?{KIN}")
OF_STATE = re.compile(rf"[ ](?:of|for)[ ](?:the[ ])?{KIN}{STATE_FORM}")
SPACE = re.compile(r"[ ]*")


def qualifier_of(hit: Hit, capitals: bool = False) -> tuple[str | None, str | None]:
    """(country, org) a hit names, if it can qualify a title ("Crown Prince of Abu Dhabi": capitals)."""
    info = hit.info
    if info.country:
        return info.country, None
    if capitals and info.capital_of:
        return info.capital_of, None
    if info.org:
        return None, info.org
    return None, None


def title_of(hit: Hit) -> str | None:
    return hit.info.title


def leader_of(hit: Hit) -> int | None:
    return hit.info.leaders[0] if hit.info.leaders else None


def styles_ending(text: str, hits: list[Hit], j: int) -> tuple[str, ...]:
    """Honorific hit ``j`` and those written right before it ("His Highness Sheikh"), lower case."""
    out: list[str] = []
    while j >= 0 and hits[j].info.honorific:
        out.append(hits[j].text.lower())
        if j == 0 or not hits[j - 1].info.honorific or text[hits[j - 1].end:hits[j].start].strip():
            break
        j -= 1
    return tuple(out)


def of_country(text: str, hits: list[Hit], j: int, m: Mention, consumed: set[int]) -> int:
    """Read "... of [the] COUNTRY" right after a mention into its country; return the next hit index."""
    if j >= len(hits):
        return j
    of = OF.match(text, m.end)
    for rx in (OF_KIN, OF_STATE):  # "of the sisterly [State of Qatar]", "of the Republic of [Sudan]"
        if of and hits[j].start != of.end():
            of = rx.match(text, m.end)
    if of and hits[j].start == of.end():
        country, org = qualifier_of(hits[j], capitals=True)
        if country or org:
            if m.country is None and m.org is None or m.leader is None:
                m.country, m.org = country, org
            m.end = hits[j].end
            consumed.add(j)
            return j + 1
    return j


def of_place(text: str, hits: list[Hit], j: int, m: Mention, consumed: set[int]) -> int:
    """"Governor Kemp of Georgia": the place is a state, not the country of the same name."""
    if j < len(hits):
        of = OF.match(text, m.end)
        if of and hits[j].start == of.end():
            m.end = hits[j].end
            consumed.add(j)
            return j + 1
    return j


def skip_to(hits: list[Hit], k: int, pos: int, consumed: set[int]) -> int:
    while k < len(hits) and hits[k].start < pos:
        consumed.add(k)
        k += 1
    return k


@lru_cache(maxsize=1)
def envoy_titles() -> frozenset[str]:
    """Titles of those posted to another country ("Ambassador", "High Commissioner"): the "to"
    after them names where they serve (lexicon/envoy_words.tsv, kind posted)."""
    return frozenset(tagged("envoy_words", "word", "kind", "posted"))
