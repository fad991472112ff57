"""Actor profiles (issue 15): kind with evidence and confidence, languages, activity, audience, topics."""

from influscope.analyze.profiles.compute import ActorProfile, compute_profiles, persist, rules_of

__all__ = ["ActorProfile", "compute_profiles", "persist", "rules_of"]
