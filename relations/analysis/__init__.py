"""What analysts read out of the stored timeline: commitment threads across years, the
history of a pair's partnership levels, and the data a chart draws.

Each module computes from stored rows only (nothing is re-extracted) and takes an open
connection and the ``Lookups`` cache, as ``relations.storage.queries`` does;
``relations.Database`` opens both for its callers (``Database.threads``,
``Database.partnership_history``, ``Database.chart_data``).
"""
