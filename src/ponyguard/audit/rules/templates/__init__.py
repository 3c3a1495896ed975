"""PG3xx: template rules (Django and Jinja2 templates), one per module."""
