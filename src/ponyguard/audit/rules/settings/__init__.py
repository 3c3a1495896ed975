"""PG1xx: settings and deployment configuration rules, one per module."""
