"""Platform-specific record mappers and live connectors."""
