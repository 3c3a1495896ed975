"""PG7xx live HTTP probes, and the pure functions that judge the responses they fetch.

Each module pairs small judging functions (``Response`` in, findings out — unit-tested with
hand-made responses) with a thin ``@probe`` function that fetches through the ``ScanContext``.
"""
