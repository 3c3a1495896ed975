"""ponyguard: a security checkup for Django sites.

Importing this package never touches Django settings; the Django app is
``INSTALLED_APPS += ["ponyguard"]`` (see :mod:`ponyguard.checks`).
"""

from __future__ import annotations

__version__ = "0.1.0"
