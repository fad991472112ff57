"""The watch process: the loop that runs sources, enrichment, alert rules and delivery.

This layer sits between the workspace and the analytics: it orchestrates
stages (through the workspace object it is given) and sends notifications; it
computes nothing itself.
"""
