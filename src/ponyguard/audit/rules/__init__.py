"""Audit rules, grouped by what they read."""
