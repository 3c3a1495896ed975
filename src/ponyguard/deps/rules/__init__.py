"""PG6xx: dependencies and versions. Each rule runs on every dependency read (target
``"dependency"``, called with the :class:`~ponyguard.deps.model.Dependency` and the run's
:class:`~ponyguard.deps.rules._support.DepsContext`)."""
