"""What ``import relations`` gives a library user: the functions, rows, summaries and every
named exception, with real signatures, and nothing heavy imported until it is used."""

from __future__ import annotations

import inspect
import subprocess
import sys

import relations
import relations.errors


def test_every_named_exception_is_exported():
    defined = {name for name, value in vars(relations.errors).items()
               if isinstance(value, type) and issubclass(value, Exception)}
    assert defined <= set(relations.__all__)
    assert all(getattr(relations, name) is getattr(relations.errors, name) for name in defined)


def test_extract_is_the_function_itself_with_its_real_signature():
    from relations.extraction import extract, extract_strict

    assert relations.extract is extract and relations.extract_strict is extract_strict
    assert list(inspect.signature(relations.extract).parameters) == ["text", "id", "published", "source", "title",
                                                                      "url"]


def test_facts_rows_and_summaries_are_exported():
    from relations.facts import Facts
    from relations.storage import results, rows

    assert relations.Facts is Facts
    assert relations.IngestSummary is results.IngestSummary and relations.IngestResult is results.IngestResult
    for name in ("ArticleRow", "CallRow", "CommitmentRow", "LeaderRow", "PartnershipRow", "SearchHit",
                 "TimelineEvent", "Participant", "Source"):
        assert getattr(relations, name) is getattr(rows, name), name
    assert set(relations.__all__) <= set(dir(relations))


def test_importing_relations_imports_neither_extraction_nor_sqlalchemy():
    code = "import sys, relations; print(sorted(m for m in ('relations.extraction', 'sqlalchemy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_import_circle_between_the_engine_and_the_storage_faults():
    """``relations.engine`` classifies driver errors with ``relations.storage.faults``; the faults
    module needs nothing of the engine (both take their exceptions from ``relations.errors``)."""
    code = "import sys, relations.storage.faults; print('relations.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
