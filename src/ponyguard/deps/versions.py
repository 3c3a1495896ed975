"""Versions and release series, with PEP 440 ordering from :mod:`packaging`.

Django numbers feature releases ``A.B`` up to 6.2, then by year from 2028 (``2028``, patch
releases ``2028.1``, ``2028.2``…). Both are plain PEP 440 versions, so ``2028`` already sorts
after ``6.2``; only the series a version belongs to needs to know the scheme.
"""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

FIRST_YEAR_VERSION = 2028
"""Major versions from here on are years: the series is the year alone."""


def parse_version(text: str | None) -> Version | None:
    """``text`` as a :class:`Version`, or None when it is not a PEP 440 version."""
    if not text:
        return None
    try:
        return Version(text.strip().lstrip("=v").strip())
    except InvalidVersion:
        return None


def series_name(version: Version) -> str:
    """The release series: ``"4.2"`` for 4.2.16, ``"2028"`` for 2028.1."""
    if version.major >= FIRST_YEAR_VERSION:
        return str(version.major)
    return f"{version.major}.{version.minor}"


def base_text(version: Version) -> str:
    """The version as Django's release notes write it (``"4.2"``, ``"4.2.16"``)."""
    return str(version)
