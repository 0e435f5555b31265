"""Interop with the event datasets: the CAMEO code and PLOVER type of each stored fact
(``codes``, from ``relations/lexicon/event_codes.tsv``) and the records ``relations export``
writes in ICEWS's CAMEO layout or as PLOVER JSON (``export``). Computed from stored rows only
(kind, medium, status, action text); the view ``event_codes`` (migration 0011) gives the same
codes in SQL.
"""
