"""Writes of the publication app: publishing and unpublishing a Party's reply."""

from .publishing import reply_publish, reply_unpublish

__all__ = ["reply_publish", "reply_unpublish"]
