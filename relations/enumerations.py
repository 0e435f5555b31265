"""The closed vocabularies of the schema: each column that holds one of a fixed set of values
has a named CHECK constraint listing them (``relations.models``). The CLI's choices and the
library's argument checks read them from here, and so do the tests."""

from __future__ import annotations

ALIAS_KINDS = ("name", "demonym", "capital", "abbreviation", "former")
ORGANIZATION_KINDS = ("union", "alliance", "un", "bloc", "group", "other")
TERM_SOURCES = ("seed", "article")
CALL_MEDIA = ("phone", "video", "in_person")
CALL_STATUSES = ("held", "planned", "denied")
DATE_PRECISIONS = ("day", "week", "month")
COMMITMENT_KINDS = ("pledge", "proposal", "agreement", "support", "opposition")
TOPIC_KINDS = ("field", "initiative")
