"""Keeping an uploaded import file between the dry run and the import.

The file is stored privately under a generated name; the page of the dry run carries a signed
token bound to the user and the phase, valid for a limited time. Files are removed after the
import and swept when older than a day.
"""

import uuid
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SALT = "statement-import-stash"
MAX_AGE = 2 * 3600
DIRECTORY = "private/statement-imports"


def _path(authority_id: int, key: str) -> str:
    return f"{DIRECTORY}/{int(authority_id)}/{key}"


def _sweep(authority_id: int) -> None:
    folder = f"{DIRECTORY}/{int(authority_id)}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    limit = timezone.now() - timedelta(days=1)
    for name in files:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def stash(*, data: bytes, authority_id: int, user_id: int, phase_id: int, file_name: str) -> str:
    """Store the file; return the signed token for the import step."""
    _sweep(authority_id)
    key = uuid.uuid4().hex
    default_storage.save(_path(authority_id, key), ContentFile(data))
    return signing.dumps({"a": authority_id, "k": key, "u": user_id, "p": phase_id,
                          "n": file_name[:200]}, salt=SALT)


def unstash(token: str, *, user_id: int) -> dict | None:
    """The stashed file's facts and bytes, or None if the token is invalid, old or foreign."""
    try:
        facts = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if facts.get("u") != user_id:
        return None
    path = _path(facts["a"], facts["k"])
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        facts["data"] = handle.read()
    facts["path"] = path
    return facts


def drop(path: str) -> None:
    if path.startswith(DIRECTORY + "/"):
        default_storage.delete(path)
