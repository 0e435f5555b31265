"""Storage: articles and their facts in the database, and the queries that read them back.

- ``transactions``: the writing connection, its tuning, batches of articles per transaction,
  deadlock retry and the errors that end a run;
- ``article_store``: the one store step: an article and its facts under a savepoint, skipped
  when stored, replaced with ``force`` or by reprocess (``relations.pipeline`` feeds it from
  input records, facts and stored articles);
- ``fulltext``: upkeep of the FTS5 indexes while storing;
- ``keys``: the stable keys of articles and facts;
- ``writer``: facts merged into rows (reference lookups, leaders, calls reported twice);
- ``merging``: the rule deciding which stored call a new report of a call joins;
- ``pending``: rows held back to the end of a transaction (SQLite: one FTS5 flush per batch;
  PostgreSQL: fewer round trips);
- ``sql``: plain SQL on the driver's cursor, for the statements run per article or per row;
- ``lookups``: reference rows by ISO3, name or alias, cached per ``Database``;
- ``queries``, ``loaders`` and ``search``: typed rows (``rows``) for the timeline, listings,
  one row with its evidence, and full-text search;
- ``records``: input records read lazily.

Only this layer knows the ORM tables; extraction stays a pure function and the CLI calls
``relations.Database``.
"""
