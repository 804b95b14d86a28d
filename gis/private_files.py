"""Moving stored files into the private area of the media storage (used by data migrations).

Files under ``private/`` are never served by a web server or the development /media/ route;
only views that check the user's authority hand them out. Earlier releases stored plan documents
and raster COGs outside ``private/``; `move_to_private()` moves such rows' files, in batches and
idempotently: a row already under ``private/`` is skipped, a copy left by an interrupted run is
reused, and the old file is deleted only after the row points at the new one.
"""

from collections.abc import Callable

from django.core.files.storage import default_storage

PRIVATE_PREFIX = "private/"
BATCH_SIZE = 200


def move_to_private(queryset, field_name: str, new_name: Callable[[object], str],
                    storage=default_storage) -> int:
    """Move the files of `field_name` that lie outside private/; returns how many moved."""
    moved = 0
    pending = (queryset.exclude(**{field_name: ""})
               .exclude(**{f"{field_name}__startswith": PRIVATE_PREFIX}).order_by("pk"))
    while batch := list(pending[:BATCH_SIZE]):
        for row in batch:
            old = getattr(row, field_name).name
            target = new_name(row)
            if not storage.exists(target):
                if not storage.exists(old):
                    target = ""  # the file was lost before: the row must not point at nothing
                else:
                    with storage.open(old, "rb") as handle:
                        saved = storage.save(target, handle)
                    if saved != target:  # the storage chose another name: keep what it chose
                        target = saved
            type(row).objects.filter(pk=row.pk).update(**{field_name: target})
            if target and storage.exists(old):
                storage.delete(old)
            moved += 1
    return moved
