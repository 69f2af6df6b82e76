"""How the site names a protocol's versions and their dates, in words."""

from __future__ import annotations

import datetime

from clausebook.format.versions import Version


def version_name(version: Version) -> str:
    """How a version is named: by its adoption date, or its label with the date said not to be stated."""
    if version.status == "proposed":
        return "Proposed revision"
    if version.status == "draft":
        return "Draft"
    if version.dated:
        return f"Adopted {long_date(version.key)}"
    return f"{version.key.replace('-', ' ').capitalize()} (date not stated)"


def in_force(version: Version) -> str:
    """When a version was in force, in words."""
    if version.status in ("proposed", "draft"):
        return ""
    start = long_date(version.in_force_from) if version.in_force_from else "a date not stated"
    if version.in_force_to:
        return f"from {start} to {long_date(version.in_force_to)}"
    return f"from {start}"


def long_date(value: str) -> str:
    """'2021-05-12' → '12 May 2021'."""
    day = datetime.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"
