"""Store: the workspace database (DuckDB by default), its schema, writes and Ibis reads."""
