"""The control endpoint: the process that holds the store answers for it.

DuckDB lets one process hold a database file for writing, and no other process
can open it meanwhile. ``influscope watch`` and ``influscope serve`` hold the
store for as long as they run, so they serve a few workspace actions (alerts
list/show/ack/close, status, source health) on a private Unix socket in the
workspace; the CLI sends those commands there when it finds the store held
(:mod:`influscope.serve.cli.access`), and an on-call person can acknowledge an
alert while the watch runs.
"""
