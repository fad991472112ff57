"""Analyze: graphs, communities, roles, journeys, share of voice, alerts — Ibis over the store, igraph on aggregates."""
