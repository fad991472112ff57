"""The REST API (FastAPI): one router per resource, each route a thin call to ``Workspace``."""
