"""Files written to storage during an import, removed again if the import fails.

A database rollback cannot take back a file in storage; this ledger does. Every FieldFile saved
by the import is registered; if the block raises, each is deleted (and the exception goes on).

    with StoredFiles() as stored:
        stored.save(plan.source_file, "source", path)
        ...
"""

from pathlib import Path

from django.core.files import File
from django.db.models.fields.files import FieldFile


class StoredFiles:
    def __init__(self) -> None:
        self.entries: list[tuple[object, str]] = []

    def save(self, field_file: FieldFile, name: str, source: Path) -> None:
        """Save `source` (a local path) into `field_file` under a generated `name`."""
        with open(source, "rb") as handle:
            field_file.save(name, File(handle), save=False)
        self.entries.append((field_file.storage, field_file.name))

    def remove_all(self) -> None:
        for storage, name in reversed(self.entries):
            if name:
                storage.delete(name)
        self.entries.clear()

    def __enter__(self) -> "StoredFiles":
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is not None:
            self.remove_all()
