"""the view event_codes: the CAMEO code and PLOVER type of each call, commitment and upgrade

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

One row per call and commitment (codes null where the mapping gives none: a denied call), and one
per partnership stated as an upgrade: ``fact``, ``fact_id``, ``fact_key``, ``date``, ``kind``,
``status``, ``cameo_code``, ``cameo_name``, ``goldstein``, ``plover_event``, ``plover_mode``,
``plover_context``, ``plover_quad``, ``plover_scale``. The mapping is a frozen copy of
``relations/lexicon/event_codes.tsv`` as of this revision (``tests/test_interop.py`` checks that
the view and ``relations.interop.codes`` agree); a later change of the file needs a revision that
makes the view again. The first matching rule wins, as in the library. No table changes.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (fact, kind, status, first words of the action text, cameo, cameo_name, goldstein, plover_event,
#  plover_mode, plover_context, plover_quad, plover_scale), in the file's order
_SIGN = "sign|signed|signs|signing|ink|inked|conclude|concluded|ratify|ratified"
RULES = (
    ("call", "phone", "held", "", "041", "Discuss by telephone", 1.0, "CONSULT", "phone", "", 1, 2.1),
    ("call", "video", "held", "", "041", "Discuss by telephone", 1.0, "CONSULT", "phone", "", 1, 2.1),
    ("call", "in_person", "held", "", "040", "Consult", 1.0, "CONSULT", "", "", 1, 2.1),
    ("call", "phone", "planned", "", "036", "Express intent to meet or negotiate", 4.0, "AGREE", "", "diplomatic", 1, 4.2),
    ("call", "video", "planned", "", "036", "Express intent to meet or negotiate", 4.0, "AGREE", "", "diplomatic", 1, 4.2),
    ("call", "in_person", "planned", "", "036", "Express intent to meet or negotiate", 4.0, "AGREE", "", "diplomatic", 1,
     4.2),
    ("commitment", "agreement", "", _SIGN, "057", "Sign formal agreement", 8.0, "SUPPORT", "", "diplomatic", 1, 4.6),
    ("commitment", "agreement", "", "", "030", "Express intent to cooperate", 4.0, "AGREE", "", "diplomatic", 1, 4.2),
    ("commitment", "pledge", "", "", "030", "Express intent to cooperate", 4.0, "AGREE", "", "diplomatic", 1, 4.2),
    ("commitment", "proposal", "", "", "020", "Make an appeal or request", 3.0, "AGREE", "", "diplomatic", 1, 4.2),
    ("commitment", "support", "", "", "051", "Praise or endorse", 3.4, "SUPPORT", "", "diplomatic", 1, 4.6),
    ("commitment", "opposition", "", "", "110", "Disapprove", -2.0, "ACCUSE", "", "diplomatic", 3, -2.0),
    ("partnership", "upgrade", "", "", "050", "Engage in diplomatic cooperation", 3.5, "SUPPORT", "", "diplomatic", 1,
     4.6),
)


def _lit(value: object) -> str:
    if value == "" or value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, float):
        return f"CAST({value!r} AS FLOAT)"
    return str(value)


def _rules() -> str:
    """The mapping as a derived table: one SELECT per rule (and per first word it needs)."""
    selects = []
    for n, (fact, kind, status, starts, *codes) in enumerate(RULES, 1):
        for word in starts.split("|") if starts else [""]:
            cols = [n, fact, kind, status, word, *codes]
            names = ["rule", "fact", "kind", "status", "word", "cameo_code", "cameo_name", "goldstein", "plover_event",
                     "plover_mode", "plover_context", "plover_quad", "plover_scale"]
            selects.append("SELECT " + ", ".join(f"{_lit(v) if not (i == 4 and v == '') else 'NULL'} AS {c}"
                                                 for i, (v, c) in enumerate(zip(cols, names))))
    return "\nUNION ALL ".join(selects)


def _first_word(text: str) -> str:
    """The first word of an action text, lower case (the text before its first space)."""
    t = f"lower(trim({text}))"
    if op.get_context().dialect.name == "postgresql":
        return f"split_part({t}, ' ', 1)"
    return f"CASE WHEN instr({t}, ' ') > 0 THEN substr({t}, 1, instr({t}, ' ') - 1) ELSE {t} END"


def _view() -> str:
    codes = ("r.cameo_code, r.cameo_name, r.goldstein, r.plover_event, r.plover_mode, r.plover_context, "
             "r.plover_quad, r.plover_scale")
    pick = ("(SELECT min(x.rule) FROM rules x WHERE x.fact = {fact} AND x.kind = {kind} "
            "AND (x.status IS NULL OR x.status = {status}) AND (x.word IS NULL OR x.word = {word}))")
    call_rule = pick.format(fact="'call'", kind="c.medium", status="c.status", word="NULL")
    commitment_rule = pick.format(fact="'commitment'", kind="m.kind", status="NULL", word=_first_word("m.text"))
    upgrade_rule = pick.format(fact="'partnership'", kind="'upgrade'", status="NULL", word="NULL")
    one = "SELECT DISTINCT rule, cameo_code, cameo_name, goldstein, plover_event, plover_mode, plover_context, " \
          "plover_quad, plover_scale FROM rules"
    return f"""
WITH rules AS (
{_rules()}
), codes AS ({one})
SELECT 'call' AS fact, c.id AS fact_id, c.key AS fact_key, c.date AS date, c.medium AS kind, c.status AS status,
       {codes}
FROM calls c LEFT JOIN codes r ON r.rule = {call_rule}
UNION ALL
SELECT 'commitment', m.id, m.key, m.date, m.kind, NULL, {codes}
FROM commitments m LEFT JOIN codes r ON r.rule = {commitment_rule}
UNION ALL
SELECT 'partnership', p.id, p.key, p.stated_on, 'upgrade', NULL, {codes}
FROM partnerships p JOIN codes r ON r.rule = {upgrade_rule}
WHERE p.upgrade"""


def upgrade() -> None:
    op.execute(f"CREATE VIEW event_codes AS {_view().strip()}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS event_codes")
