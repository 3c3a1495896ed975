"""PG0xx: problems of the tool itself (unparsable input, settings not found, suppressions)."""
