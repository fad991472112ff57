"""Enrich: derived values per document or actor (language, sentiment, stance, kinds…), incremental, with provenance."""
