"""Golden test set: hand-written readouts in many house styles, with the facts expected of them.

Each case is ``tests/golden/<set>/<name>.txt`` (the article; an optional first line
``date YYYY-MM-DD``) and ``<name>.json`` (the expected facts; format in
``tests/golden/README.md``). For every aspect a sidecar states (calls, leaders, countries,
organizations, commitments, partnerships) there is one test, ``<set>/<name>::<aspect>``;
aspects a sidecar leaves out are not checked, and an aspect given as ``[]`` means that none
may be found. A sidecar's ``"xfail"`` (a reason, or ``{aspect: reason}``) marks known
failures ``xfail(strict=True)``, so a fix shows up as an unexpected pass.

The expectations follow the annotation guideline (``GUIDELINES.md`` of the evaluation kit);
commitments are matched the way its scorer matches them: same actor, and every keyword's
tokens in the predicted text. The ``test_sidecar_*`` and ``test_coverage_*`` tests check the
set itself and pass without an extractor.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import pytest

from relations.enumerations import CALL_MEDIA, CALL_STATUSES, COMMITMENT_KINDS

GOLDEN = Path(__file__).parent / "golden"
RULES: dict[str, dict[str, str]] = {
    k: v for k, v in json.loads((GOLDEN / "rules.json").read_text(encoding="utf-8")).items()
    if not k.startswith("_")
}
SETS = {"calls": 32, "commitments": 22}  # set -> minimum number of cases
ASPECTS = ("calls", "leaders", "countries", "organizations", "commitments", "partnerships")
DATE_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*$")

MEDIUMS, STATUSES, KINDS = set(CALL_MEDIA), set(CALL_STATUSES), set(COMMITMENT_KINDS)
PRECISIONS = {"day", "week", "month"}
CASE_KEYS = {"source", "published", "title", "style", "covers", "notes", "xfail",
             "allow_extra_commitments", *ASPECTS}
CALL_KEYS = {"medium", "status", "date", "date_precision", "countries", "initiator",
             "participants", "notes"}
PERSON_KEYS = {"name", "country", "title"}
COMMITMENT_KEYS = {"actor", "kind", "keywords", "topics", "speaker", "notes"}
# Tokens that never identify a person: honorifics, particles and initials.
NOT_NAMES = {"mr", "mrs", "ms", "dr", "he", "h", "e", "shri", "smt", "sheikh", "al", "bin",
             "el", "de", "da", "jr", "prince", "his", "her", "excellency", "majesty"}


# --- cases -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    set: str
    name: str
    text: str
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.set}/{self.name}"

    @property
    def published(self) -> dt.date | None:
        p = self.expected.get("published")
        return dt.date.fromisoformat(p) if p else None

    @property
    def date_line(self) -> str | None:
        m = DATE_LINE.match(self.text.split("\n", 1)[0])
        return m.group(1) if m else None

    @property
    def body(self) -> str:
        """The article without its date line."""
        return self.text.split("\n", 1)[1] if self.date_line else self.text


def load_cases() -> list[Case]:
    cases = []
    for set_name in SETS:
        for sidecar in sorted((GOLDEN / set_name).glob("*.json")):
            txt = sidecar.with_suffix(".txt")
            text = txt.read_text(encoding="utf-8") if txt.exists() else ""
            expected = json.loads(sidecar.read_text(encoding="utf-8"))
            cases.append(Case(set_name, sidecar.stem, text, expected))
    return cases


CASES = load_cases()
CASES_BY_ID = {c.id: c for c in CASES}


# --- text helpers (the scorer's folding) ---------------------------------------------------

def fold(s: str | None) -> str:
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()


def tokens(s: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(s))


def name_tokens(name: str | None) -> set[str]:
    return {t for t in tokens(name) if len(t) > 1 and t not in NOT_NAMES}


def same_person(expected: dict, person: dict) -> bool:
    if person.get("country") != expected.get("country"):
        return False
    if expected.get("name") is None:
        return True
    return bool(name_tokens(expected["name"]) & set(tokens(person.get("name"))))


def norm_title(s: str | None) -> str:
    return " ".join(fold(s).split())


def fmt_person(p: dict) -> str:
    return f"{p.get('name')}/{p.get('country')}" + (f" ({p['title']})" if p.get("title") else "")


def fmt_call(c: dict) -> str:
    date = c.get("date")
    if c.get("date_precision") not in (None, "day"):
        date = f"{date}~{c['date_precision']}"
    text = f" {c['date_text']!r}" if c.get("date_text") else ""
    people = ", ".join(fmt_person(p) for p in c.get("participants") or [])
    return (f"{c.get('medium')} {c.get('status')} {'+'.join(sorted(c.get('countries') or []))} "
            f"{date}{text} init={c.get('initiator')} [{people}]")


def fmt_commitment(c: dict) -> str:
    what = c.get("keywords") if "keywords" in c else repr((c.get("text") or "")[:100])
    return f"{c.get('actor')} {c.get('kind')}: {what}"


# --- running the extractor -----------------------------------------------------------------

@cache
def extracted(case_id: str) -> dict[str, Any]:
    """The facts the extractor reads from a case, as ``Facts.to_dict()`` (one run per case)."""
    import relations

    extract = getattr(relations, "extract", None)
    if extract is None:
        pytest.fail("relations.extract() does not exist yet", pytrace=False)
    case = CASES_BY_ID[case_id]
    facts = extract(case.text, id=case.id, published=case.published,
                    source=case.expected.get("source"), title=case.expected.get("title"))
    return facts.to_dict()


# --- checks: each returns the list of problems -------------------------------------------

def call_problems(exp: dict, pred: dict) -> list[str]:
    out = []
    if "date" in exp and pred.get("date") != exp["date"]:
        out.append(f"date {pred.get('date')} (from {pred.get('date_text')!r}), expected {exp['date']}")
    if "date_precision" in exp and pred.get("date_precision") != exp["date_precision"]:
        out.append(f"date_precision {pred.get('date_precision')}, expected {exp['date_precision']}")
    if "initiator" in exp and pred.get("initiator") != exp["initiator"]:
        out.append(f"initiator {pred.get('initiator')}, expected {exp['initiator']}")
    for person in exp.get("participants") or []:
        if not any(same_person(person, p) for p in pred.get("participants") or []):
            out.append(f"participant {fmt_person(person)} missing")
    return out


def call_key(c: dict) -> tuple:
    return c.get("medium"), c.get("status"), tuple(sorted(c.get("countries") or []))


def check_calls(expected: list[dict], facts: dict) -> list[str]:
    predicted = list(facts.get("calls") or [])
    free_exp, free_pred = list(range(len(expected))), list(range(len(predicted)))
    pairs: list[tuple[int, int]] = []
    # Pair exact matches first, so that two calls with the same key pair by date.
    for strict in (True, False):
        for i in list(free_exp):
            for j in free_pred:
                if call_key(expected[i]) == call_key(predicted[j]) and (
                        not strict or not call_problems(expected[i], predicted[j])):
                    pairs.append((i, j))
                    free_exp.remove(i)
                    free_pred.remove(j)
                    break
    out = []
    for i, j in pairs:
        out += [f"{fmt_call(expected[i])}: {p}" for p in call_problems(expected[i], predicted[j])]
    out += [f"missing call: {fmt_call(expected[i])}" for i in free_exp]
    out += [f"unexpected call: {fmt_call(predicted[j])}" for j in free_pred]
    return out


def people(facts: dict) -> list[dict]:
    found = list(facts.get("leaders") or [])
    for call in facts.get("calls") or []:
        found += call.get("participants") or []
    return found


def check_leaders(expected: list[dict], facts: dict) -> list[str]:
    found = people(facts)
    if not expected:
        return [f"unexpected leader: {fmt_person(p)}" for p in facts.get("leaders") or []]
    out = []
    for exp in expected:
        same = [p for p in found if same_person(exp, p)]
        if not same:
            others = [fmt_person(p) for p in found if p.get("country") == exp["country"]]
            out.append(f"leader {fmt_person(exp)} not found (same country: {others})")
        elif exp.get("title") and not any(norm_title(p.get("title")) == norm_title(exp["title"])
                                          for p in same):
            out.append(f"leader {fmt_person(exp)}: titles found {[p.get('title') for p in same]}")
    return out


def check_countries(expected: list[str], facts: dict) -> list[str]:
    got = {c.get("code") for c in facts.get("countries") or []}
    out = [f"country {c} missing" for c in sorted(set(expected) - got)]
    out += [f"unexpected country {c}" for c in sorted(got - set(expected), key=str)]
    return out


def same_organization(expected: str, code: str) -> bool:
    """A body of the UN (UNSC, UNGA, UNHRC...) counts as the UN."""
    e, c = expected.upper(), code.upper()
    return c == e or (e == "UN" and c.startswith("UN"))


def check_organizations(expected: list[str], facts: dict) -> list[str]:
    got = {str(o).upper() for o in facts.get("organizations") or []}
    if not expected:
        return [f"unexpected organization {o}" for o in sorted(got)]
    return [f"organization {o} missing (found {sorted(got)})"
            for o in expected if not any(same_organization(o, c) for c in got)]


def commitment_matches(exp: dict, pred: dict) -> bool:
    if (pred.get("actor") or None) != (exp.get("actor") or None) or pred.get("kind") != exp["kind"]:
        return False
    have = set(tokens(pred.get("text")))
    return all(set(tokens(k)) <= have for k in exp["keywords"])


def max_matching(n_exp: int, n_pred: int, ok) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): expected index -> predicted index."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in range(n_pred):
            if j not in seen and ok(i, j):
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(n_exp):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def check_commitments(expected: list[dict], facts: dict, allow_extra: bool = False) -> list[str]:
    predicted = list(facts.get("commitments") or [])
    match = max_matching(len(expected), len(predicted),
                         lambda i, j: commitment_matches(expected[i], predicted[j]))
    out = []
    for i, exp in enumerate(expected):
        if i not in match:
            near = [fmt_commitment(p) for p in predicted
                    if commitment_matches({**exp, "kind": p.get("kind")}, p)]
            hint = f" (found with another kind: {near})" if near else ""
            out.append(f"missing commitment: {fmt_commitment(exp)}{hint}")
            continue
        got = {fold(t) for t in predicted[match[i]].get("topics") or []}
        for topic in exp.get("topics") or []:
            if fold(topic) not in got:
                out.append(f"{fmt_commitment(exp)}: topic {topic!r} missing (found {sorted(got)})")
    if not allow_extra:
        used = set(match.values())
        out += [f"unexpected commitment: {fmt_commitment(p)}"
                for j, p in enumerate(predicted) if j not in used]
    return out


def check_partnerships(expected: list[dict], facts: dict) -> list[str]:
    def key(p: dict) -> tuple:
        return tuple(sorted(p.get("countries") or [])), " ".join(fold(p.get("level")).split())
    want = {key(p) for p in expected}
    got = {key(p) for p in facts.get("partnerships") or []}
    out = [f"missing partnership {'+'.join(c)}: {lvl!r}" for c, lvl in sorted(want - got)]
    out += [f"unexpected partnership {'+'.join(c)}: {lvl!r}" for c, lvl in sorted(got - want)]
    return out


CHECKS = {"calls": check_calls, "leaders": check_leaders, "countries": check_countries,
          "organizations": check_organizations, "partnerships": check_partnerships}


def xfail_reason(case: Case, aspect: str) -> str | None:
    x = case.expected.get("xfail")
    return x.get(aspect) if isinstance(x, dict) else x


def golden_params() -> list:
    params = []
    for case in CASES:
        for aspect in ASPECTS:
            if aspect not in case.expected:
                continue
            reason = xfail_reason(case, aspect)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(case.id, aspect, id=f"{case.id}::{aspect}", marks=marks))
    return params


@pytest.mark.parametrize(("case_id", "aspect"), golden_params())
def test_golden(case_id: str, aspect: str) -> None:
    case = CASES_BY_ID[case_id]
    facts = extracted(case_id)
    expected = case.expected[aspect]
    if aspect == "commitments":
        problems = check_commitments(expected, facts, bool(case.expected.get("allow_extra_commitments")))
    else:
        problems = CHECKS[aspect](expected, facts)
    if problems:
        pytest.fail(f"{case.id} {aspect}:\n  " + "\n  ".join(problems), pytrace=False)


# --- the set itself ---------------------------------------------------------------------------

def valid_iso3(code: Any) -> bool:
    return isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code) is not None \
        and pycountry.countries.get(alpha_3=code) is not None


def valid_date(s: Any) -> bool:
    try:
        return isinstance(s, str) and dt.date.fromisoformat(s).isoformat() == s
    except ValueError:
        return False


def sidecar_problems(case: Case) -> list[str]:
    e, out = case.expected, []
    article = set(tokens(case.body))
    if not case.text:
        return ["the .txt file is missing or empty"]
    out += [f"unknown key {k!r}" for k in e if k not in CASE_KEYS]
    out += [f"missing key {k!r}" for k in ("source", "published", "title", "style", "covers")
            if k not in e]
    if e.get("published") is not None and not valid_date(e["published"]):
        out.append(f"published {e['published']!r} is not an ISO date")
    if case.date_line and e.get("published") not in (None, case.date_line):
        out.append(f"published {e['published']} disagrees with the date line {case.date_line}")
    words = len(case.body.split())
    if not 80 <= words <= 400:
        out.append(f"article has {words} words (80-400 expected)")
    known_rules = set().union(*RULES.values())
    out += [f"unknown rule {r!r} in covers" for r in e.get("covers", []) if r not in known_rules]
    for aspect in ASPECTS:
        if aspect in e and not isinstance(e[aspect], list):
            out.append(f"{aspect} must be a list")
    for n, call in enumerate(e.get("calls") or []):
        where = f"calls[{n}]"
        out += [f"{where}: unknown key {k!r}" for k in call if k not in CALL_KEYS]
        out += [f"{where}: missing key {k!r}" for k in ("medium", "status", "date", "countries",
                                                         "initiator", "participants") if k not in call]
        if call.get("medium") not in MEDIUMS:
            out.append(f"{where}: medium {call.get('medium')!r}")
        if call.get("status") not in STATUSES:
            out.append(f"{where}: status {call.get('status')!r}")
        if call.get("date") is not None and not valid_date(call["date"]):
            out.append(f"{where}: date {call['date']!r}")
        if "date_precision" in call and call["date_precision"] not in PRECISIONS:
            out.append(f"{where}: date_precision {call['date_precision']!r}")
        countries = call.get("countries") or []
        if len(countries) < 2 or countries != sorted(set(countries)) \
                or not all(valid_iso3(c) for c in countries):
            out.append(f"{where}: countries {countries} must be 2+ sorted, distinct ISO3 codes")
        if call.get("initiator") is not None and call["initiator"] not in countries:
            out.append(f"{where}: initiator {call['initiator']} is not among its countries")
        for p in call.get("participants") or []:
            out += person_problems(p, f"{where} participant", article, countries)
    for p in e.get("leaders") or []:
        out += person_problems(p, "leader", article, None)
    if "countries" in e:
        c = e["countries"]
        if c != sorted(set(c)) or not all(valid_iso3(x) for x in c):
            out.append(f"countries {c} must be sorted, distinct ISO3 codes")
    for o in e.get("organizations") or []:
        if not (isinstance(o, str) and o.strip() and not valid_iso3(o)):
            out.append(f"organization {o!r} must be a non-state code")
    for n, cm in enumerate(e.get("commitments") or []):
        where = f"commitments[{n}]"
        out += [f"{where}: unknown key {k!r}" for k in cm if k not in COMMITMENT_KEYS]
        if cm.get("actor") is not None and not valid_iso3(cm.get("actor")):
            out.append(f"{where}: actor {cm.get('actor')!r}")
        if cm.get("kind") not in KINDS:
            out.append(f"{where}: kind {cm.get('kind')!r}")
        kws = cm.get("keywords")
        if not (isinstance(kws, list) and 1 <= len(kws) <= 3 and all(tokens(k) for k in kws)):
            out.append(f"{where}: keywords must be 1-3 non-empty strings")
        else:
            out += [f"{where}: keyword {k!r} is not in the article"
                    for k in kws if not set(tokens(k)) <= article]
    for n, p in enumerate(e.get("partnerships") or []):
        c = p.get("countries") or []
        if set(p) != {"countries", "level"} or len(c) != 2 or c != sorted(set(c)) \
                or not all(valid_iso3(x) for x in c):
            out.append(f"partnerships[{n}]: needs 2 sorted ISO3 countries and a level")
        level = p.get("level") or ""
        if level != level.lower() or level != " ".join(level.split()):
            out.append(f"partnerships[{n}]: level {level!r} must be lower case, single-spaced")
        if not set(tokens(level)) <= article:
            out.append(f"partnerships[{n}]: level {level!r} is not in the article")
    x = e.get("xfail")
    if not (x is None or (isinstance(x, str) and x) or (
            isinstance(x, dict) and x and all(k in e and k in ASPECTS and v for k, v in x.items()))):
        out.append("xfail must be null, a reason, or {aspect: reason} for aspects the case checks")
    if not isinstance(e.get("allow_extra_commitments", False), bool):
        out.append("allow_extra_commitments must be true or false")
    return out


def person_problems(p: dict, where: str, article: set[str], countries: list | None) -> list[str]:
    out = [f"{where}: unknown key {k!r}" for k in p if k not in PERSON_KEYS]
    if not valid_iso3(p.get("country")) or (countries is not None and p.get("country") not in countries):
        out.append(f"{where} {fmt_person(p)}: bad country")
    name = p.get("name")
    if name is not None and not (name_tokens(name) & article):
        out.append(f"{where} {fmt_person(p)}: no part of the name is in the article")
    return out


@pytest.mark.parametrize("case_id", [c.id for c in CASES])
def test_sidecar_is_valid(case_id: str) -> None:
    problems = sidecar_problems(CASES_BY_ID[case_id])
    assert not problems, f"{case_id}:\n  " + "\n  ".join(problems)


def test_sidecar_every_txt_has_one() -> None:
    for set_name in SETS:
        orphans = [p.name for p in (GOLDEN / set_name).glob("*.txt") if not p.with_suffix(".json").exists()]
        assert not orphans, f"{set_name}: articles without a sidecar: {orphans}"


@pytest.mark.parametrize("set_name", list(SETS))
def test_coverage_set_size(set_name: str) -> None:
    n = sum(1 for c in CASES if c.set == set_name)
    assert n >= SETS[set_name], f"{set_name} has {n} cases, at least {SETS[set_name]} wanted"


@pytest.mark.parametrize("set_name", list(SETS))
def test_coverage_every_rule_twice_in_two_styles(set_name: str) -> None:
    styles: dict[str, set[str]] = {rule: set() for rule in RULES[set_name]}
    counts = dict.fromkeys(RULES[set_name], 0)
    for case in CASES:
        if case.set != set_name:
            continue
        for rule in case.expected.get("covers", []):
            if rule in counts:
                counts[rule] += 1
                styles[rule].add(case.expected.get("style"))
    thin = {r: f"{counts[r]} cases, styles {sorted(styles[r])}" for r in counts
            if counts[r] < 2 or len(styles[r]) < 2}
    assert not thin, f"rules of {set_name} covered too thinly: {json.dumps(thin, indent=1)}"


def test_coverage_each_commitment_kind_four_times() -> None:
    counts = dict.fromkeys(sorted(KINDS), 0)
    for cm in (cm for c in CASES if c.set == "commitments" for cm in c.expected.get("commitments") or []):
        counts[cm["kind"]] = counts.get(cm["kind"], 0) + 1
    assert all(n >= 4 for n in counts.values()), counts


def test_coverage_articles_are_not_copied_from_the_corpus() -> None:
    """No run of 10 words of an article may come from the evaluation corpus or the seed."""
    eval_dir = Path(__file__).resolve().parents[2] / "shared" / "eval"
    corpus = [p for p in (eval_dir / "dev.jsonl", eval_dir / "seed.jsonl") if p.exists()]
    if not corpus:
        pytest.skip("evaluation corpus not present")
    n = 10
    shingles: dict[tuple[str, ...], str] = {}
    for case in CASES:
        words = tokens(case.body)
        for i in range(len(words) - n + 1):
            shingles.setdefault(tuple(words[i:i + n]), case.id)
    copied = set()
    for path in corpus:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words = tokens(json.loads(line).get("text"))
                for i in range(len(words) - n + 1):
                    if tuple(words[i:i + n]) in shingles:
                        copied.add((shingles[tuple(words[i:i + n])], " ".join(words[i:i + n])))
    assert not copied, sorted(copied)[:20]
