"""Management reports (HTML, PDF, PowerPoint), registered as ``report-<format>`` exporters."""
