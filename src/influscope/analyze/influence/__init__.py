"""Influencers by position (issue 15): tiers from community position, rising stars."""
