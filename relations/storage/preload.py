"""Imported once by the process that forks the extraction workers (``relations.storage.parallel``).

Importing it loads the extractor's vocabularies and compiles its gazetteer, then freezes what
is alive out of the garbage collector's sight, so that every worker forked afterwards starts
with all of it in place (shared with its siblings until written to) instead of building it
again. Nothing else should import this module: importing it costs about half a second.
"""

from __future__ import annotations

import gc

from ..extraction import extract
from .parallel import fast_pickling

extract("warm-up", published="2000-01-01")
fast_pickling()
gc.freeze()
