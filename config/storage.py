"""Files kept through Django's storage API (local disk or an S3-compatible object store): removing a row's
files once its deletion is committed, and walking everything a storage holds (for backups)."""

from collections.abc import Iterator

from django.core.files.storage import Storage
from django.db import models, transaction


def delete_stored_files(sender, instance, using=None, **kwargs):
    """A ``post_delete`` receiver: delete the row's stored files once the deletion is committed, so that a
    rolled-back deletion keeps them. Connected for each model whose files belong to its rows alone.
    A store that fails then is logged, not raised: the deletion the user asked for is already committed."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            name = getattr(instance, field.attname).name
            if name:
                transaction.on_commit(_deletion(field.storage, name), using=using, robust=True)


def _deletion(storage: Storage, name: str):
    # A named function rather than a partial: Django logs a failed robust callback by its __qualname__.
    def delete_stored_file():
        storage.delete(name)

    return delete_stored_file


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
