"""Storage: articles and their facts in the database, and the queries that read them back.

- ``ingest``: one transaction per article; skip, force and reprocess;
- ``writer``: facts merged into rows (reference lookups, leaders, calls reported twice);
- ``lookups``: reference rows by ISO3, name or alias, cached per ``Database``;
- ``queries`` and ``search``: typed rows (``rows``) for the timeline, listings and search;
- ``records``: input records read lazily.

Only this layer knows the ORM tables; extraction stays a pure function and the CLI calls
``relations.Database``.
"""
