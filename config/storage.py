"""Files kept through Django's storage API (local disk or an S3-compatible object store): removing a row's
files once its deletion is committed, and walking everything a storage holds (for backups)."""

from collections.abc import Iterator
from functools import partial

from django.core.files.storage import Storage
from django.db import models, transaction


def delete_stored_files(sender, instance, using=None, **kwargs):
    """A ``post_delete`` receiver: delete the row's stored files once the deletion is committed, so that a
    rolled-back deletion keeps them. Connected for each model whose files belong to its rows alone."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            name = getattr(instance, field.attname).name
            if name:
                transaction.on_commit(partial(field.storage.delete, name), using=using)


def stored_names(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name under ``directory`` of ``storage``, depth first, sorted; none if it does not exist."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    prefix = f"{directory}/" if directory else ""
    for name in sorted(files):
        yield prefix + name
    for name in sorted(directories):
        yield from stored_names(storage, prefix + name)
