"""PG9xx: services reachable on the site's host (databases, caches, search, brokers).

Each rule registers a callback on the ``"service"`` target: ``check(result: ServiceResult)``
yields a finding when the result is its service.
"""
