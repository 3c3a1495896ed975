"""PG7xx rules: what a live scan finds over HTTP (one rule per module, docs in the docstring)."""
