"""When deadline reminders are due: the schedule of a version (days before, weekly once overdue), no database."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BEFORE, OVERDUE = "before", "overdue"
MAX_DAYS_BEFORE = 365


def reminder_days_parse(value: str) -> list[int]:
    """The days of a schedule such as "14, 3", largest first; refused unless whole numbers from 1 to 365."""
    parts = [part.strip() for part in (value or "").split(",") if part.strip()]
    if not all(part.isdigit() and 1 <= int(part) <= MAX_DAYS_BEFORE for part in parts):
        raise ValidationError(
            _("Enter whole numbers of days from 1 to %(max)s, separated by commas (for example 14, 3).")
            % {"max": MAX_DAYS_BEFORE},
            code="invalid_reminder_days",
        )
    return sorted({int(part) for part in parts}, reverse=True)


def validate_reminder_days(value: str) -> None:
    reminder_days_parse(value)


def describe_reminder_step(kind: str, step: int) -> str:
    """A slot of the schedule in words: "14 days before" or "overdue, week 2"."""
    if kind == BEFORE:
        return ngettext("%(days)s day before", "%(days)s days before", step) % {"days": step}
    return _("overdue, week %(week)s") % {"week": step}


def reminder_due(*, deadline: datetime.date, today: datetime.date, days_before: list[int],
                 weekly_overdue: bool) -> tuple[str, int] | None:
    """The latest slot of the schedule reached by ``today``, as (kind, step), or None.

    Only the latest slot counts, so a job that missed a day sends one reminder, not several: on the 3rd
    day before the deadline the 14-day slot is past. Before-slots end on the deadline day; week 1 of
    being overdue starts the day after it."""
    if today > deadline:
        if not weekly_overdue:
            return None
        return OVERDUE, ((today - deadline).days - 1) // 7 + 1
    reached = [days for days in days_before if deadline - datetime.timedelta(days=days) <= today]
    return (BEFORE, min(reached)) if reached else None
