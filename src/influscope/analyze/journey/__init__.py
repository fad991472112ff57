"""The influence journey (parcours d'influence): data, model, report, stored runs."""
