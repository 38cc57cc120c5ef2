"""Writes of the publication app: publishing and unpublishing a Party's reply or another stakeholder's
contribution."""

from .publishing import reply_publish, reply_unpublish
from .stakeholders import stakeholder_publish

__all__ = ["reply_publish", "reply_unpublish", "stakeholder_publish"]
