"""Serve: the CLI, the REST API, the web dashboard and reports. Nothing here computes a metric."""
