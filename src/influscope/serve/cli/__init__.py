"""The ``influscope`` command line: one module per verb, each a thin adapter over Workspace."""
