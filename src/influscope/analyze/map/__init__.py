"""Cartography: interaction graph, communities, stance, roles, layout, stored maps."""
