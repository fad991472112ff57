"""The dashboard: server-rendered page shells (Jinja2) whose modules read the JSON API."""
