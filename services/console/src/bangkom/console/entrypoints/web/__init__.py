"""Server-rendered pages (FastAPI + Jinja2), their session and their formatting."""
