"""The declarative base, its naming convention, and the column types and constraints the models share."""

from __future__ import annotations

from typing import Annotated, Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, mapped_column

from ..folding import fold

# Every constraint gets a stable name, so that SQLite batch migrations can drop it by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _folded(source: str) -> Any:
    """A column default computing the key of ``source`` (for Core and bulk inserts)."""

    def default(context: DefaultExecutionContext) -> str | None:
        value = context.get_current_parameters().get(source)
        return None if value is None else fold(value)

    return default


def one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A named CHECK that ``column`` holds one of ``values`` (portable stand-in for an enum)."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


def _span(start: str = "start", end: str = "end", name: str = "span") -> CheckConstraint:
    """A named CHECK that [start, end) is a valid span of offsets."""
    return CheckConstraint(f'"{start}" >= 0 AND "{end}" >= "{start}"', name=name)


def _at_most_one_party() -> CheckConstraint:
    return CheckConstraint("country_id IS NULL OR organization_id IS NULL", name="one_party")


# Reusable column types.
IntPK = Annotated[int, mapped_column(Integer, primary_key=True)]
Code = Annotated[str, mapped_column(String(16))]
Name = Annotated[str, mapped_column(String(300))]
LongText = Annotated[str, mapped_column(Text)]
Offset = Annotated[int, mapped_column(Integer)]
# A fact's stable key (revision 0007, ``relations.storage.keys``): unique, derived from its content.
FactKey = Annotated[str, mapped_column(String(80), unique=True)]


def _fk(target: str, *, ondelete: str | None = None, index: bool = False, nullable: bool = False) -> Any:
    return mapped_column(ForeignKey(target, ondelete=ondelete), index=index, nullable=nullable)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

