"""PG7xx (live HTTP), PG8xx (live TLS) and PG9xx (network exposure) rules."""
