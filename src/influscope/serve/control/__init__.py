"""The control endpoint: the process that holds the store runs the other commands for them.

DuckDB lets one process hold a database file for writing, and no other process
can open it meanwhile. ``influscope watch`` and ``influscope serve`` hold the
store for as long as they run, so they serve a private Unix socket in the
workspace; every other ``influscope`` command typed meanwhile is forwarded
there (:mod:`.forward`), runs in that process on the store it holds
(:mod:`.server`), and prints what it would have printed, with the same exit
status: an on-call person can run ``sov``, ``map``, ``report`` or
``alerts ack`` while the watch runs.
"""
