"""Backends read a :mod:`bound <ponyguard.query.bound>` tree: ``q`` builds a Django ``Q``,
``predicate`` evaluates on plain Python objects."""
