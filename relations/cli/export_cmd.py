"""``relations export``: stored facts as event records for ICEWS (CAMEO) and POLECAT (PLOVER) users.

Opens the database (it must exist), calls ``relations.Database.export`` and writes each record in
the layout asked for (``relations.interop.export``), to a file written whole or not at all.
"""

from __future__ import annotations

import csv
import json

import click

from . import main
from .common import db_option, handle_errors


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(("plover", "cameo")), required=True,
              help="plover: PLOVER JSON lines (POLECAT's ontology); cameo: ICEWS's tab-separated columns with "
                   "CAMEO codes.")
@click.option("--country", help="Only events of this country (a name, demonym, ISO2 or ISO3 code).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only events on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only events on or before this day.")
@click.option("-o", "--output", "output", default="-", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True), help="The file to write ('-': standard output).")
@db_option
@handle_errors
def export(fmt: str, country: str | None, since: str | None, until: str | None, output: str,
           db: str | None) -> None:
    """Write the calls, commitments and partnership upgrades as event records that join with ICEWS
    (CAMEO codes) or POLECAT (PLOVER types and modes).

    Each fact gets its codes from relations/lexicon/event_codes.tsv (a phone call is CAMEO 041 and
    PLOVER CONSULT/phone, a planned meeting 036 and AGREE, a pledge 030, a support statement 051,
    an opposition 110...); denied calls and undated facts are left out (stderr counts the undated).
    `cameo` writes ICEWS's 20 tab-separated columns, a reciprocal event (a call) once per ordered
    pair of its countries; `plover` one JSON object a line with the PLOVER manual's field names.

    \b
    Example:
        relations export --format cameo --country China --since 2021-01-01 -o china.tsv
    """
    from ..database import Database
    from ..interop.export import ICEWS_COLUMNS, icews_rows, plover_record

    with Database(db, create=False) as database:
        result = database.export(country=country, since=since, until=until)
        with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as out:
            if fmt == "cameo":
                writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
                writer.writerow(ICEWS_COLUMNS)
                for record in result.records:
                    writer.writerows(icews_rows(record))
            else:
                for record in result.records:
                    out.write(json.dumps(plover_record(record), ensure_ascii=False) + "\n")
    left = ", ".join(f"{n} {fact}{'s' if n != 1 else ''}" for fact, n in sorted(result.undated.items()))
    if left:
        click.echo(f"left out, undated: {left}", err=True)
