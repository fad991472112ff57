"""Share of voice: per-brand shares on an axis, and the aggregates that keep it fast."""
