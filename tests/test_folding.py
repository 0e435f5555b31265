"""``relations.folding.fold``, the one matching key the database stores and fact keys use:
non-Latin names keep their letters, accents go, case folds (ß is ss)."""

from __future__ import annotations

import pytest

from relations import models
from relations.folding import fold
from relations.storage import keys, lookups


@pytest.mark.parametrize("name, key", [
    ("Лукашенко", "лукашенко"),
    ("Straße", "strasse"),
    ("  Aleksandr  LUKAŠENKO ", "aleksandr lukasenko"),
    ("Erdoğan", "erdogan"),
    ("习近平", "习近平"),
    ("Ελλάδα", "ελλαδα"),
    ("Côte d'Ivoire", "cote d'ivoire"),
])
def test_fold_keeps_non_latin_letters_and_strips_accents(name, key):
    assert fold(name) == key


def test_the_models_storage_and_keys_use_the_one_fold():
    assert models.fold is fold and keys.fold is fold
    assert lookups.fold("Лукашенко") == fold("Лукашенко")  # cached, the same function underneath
