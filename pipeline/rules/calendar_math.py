"""Calendar arithmetic of the DATE rules: publication dates, ISO values at a granularity, and dates
moved by relative offsets or resolved from weekdays. No language facts here (see :mod:`warta.rules.dates`)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional


def parse_published(published) -> Optional[date]:
    """A publication date (date, datetime or ISO string) as a date; None when absent or unreadable."""
    if published is None or published == "":
        return None
    if isinstance(published, date):
        return published if type(published) is date else published.date()
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> Optional[date]:
    """The date, or None where it does not exist (31 June)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_date(d: Optional[date], granularity: str) -> Optional[str]:
    """ISO 8601 of ``d`` at a granularity: 2024-10-13, 2024-W41, 2024-10, 2024."""
    if d is None:
        return None
    if granularity == "day":
        return d.isoformat()
    if granularity == "week":
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def period_start(value: str) -> Optional[date]:
    """First day of an ISO value: 2024-10-13, 2024-W41, 2024-10, 2024."""
    try:
        if "W" in value:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        parts = [int(p) for p in value.split("-")]
        return date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return None


def shift_date(pub: date, unit: str, n: int) -> date:
    """The publication date moved by ``n`` units (a date inside the target period)."""
    if unit == "day":
        return pub + timedelta(days=n)
    if unit == "week":
        return pub + timedelta(weeks=n)
    if unit == "month":
        idx = pub.year * 12 + pub.month - 1 + n
        return date(idx // 12, idx % 12 + 1, 1)
    return date(pub.year + n, 1, 1)


def weekday_date(pub: date, weekday: int, offset: Optional[int]) -> date:
    """Weekday resolved against the publication date.

    None: the most recent such day on or before publication (news convention); -1: strictly
    before; +1: strictly after; 0: that day in the publication's (ISO, Monday-first) week.
    """
    if offset is None:
        return pub - timedelta(days=(pub.weekday() - weekday) % 7)
    if offset < 0:
        return pub - timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    if offset > 0:
        return pub + timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    return pub - timedelta(days=pub.weekday() - weekday)
