"""Ingest: read files, platforms and crawls into canonical rows (Arrow batches).

Nothing here writes to the store: a :class:`~influscope.ingest.runner.ImportRunner`
hands batches to a sink that the workspace wires to the store's writer.
"""
