"""How the site names a protocol's versions and their dates, in words (in the language spoken:
``words.say``; a date in Welsh names its month in Welsh)."""

from __future__ import annotations

import datetime

from clausebook.format.versions import Version
from clausebook.words import say, speaking

WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                "Tachwedd", "Rhagfyr")


def version_name(version: Version) -> str:
    """How a version is named: by its adoption date, or its label with the date said not to be stated."""
    if version.status == "proposed":
        return say("Proposed revision")
    if version.status == "draft":
        return say("Draft")
    if version.dated:
        return say("Adopted {date}", date=long_date(version.key))
    return say("{label} (date not stated)", label=version.key.replace("-", " ").capitalize())


def in_force(version: Version) -> str:
    """When a version was in force, in words."""
    if version.status in ("proposed", "draft"):
        return ""
    start = long_date(version.in_force_from) if version.in_force_from else say("a date not stated")
    if version.in_force_to:
        return say("from {start} to {end}", start=start, end=long_date(version.in_force_to))
    return say("from {start}", start=start)


def long_date(value: str) -> str:
    """'2021-05-12' → '12 May 2021'."""
    day = datetime.date.fromisoformat(value)
    if speaking() == "cy":
        return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {day:%B %Y}"
