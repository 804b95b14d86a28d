"""Turning GDAL's exceptions into InputError (bad file) or MemoryError (limit reached)."""

import contextlib
import re

from django.utils.translation import gettext as _

from ..errors import InputError, without_paths

_OUT_OF_MEMORY = re.compile(r"out of memory|cannot allocate|failed to allocate|bad_alloc", re.I)


def clean_reason(message: str) -> str:
    """GDAL's message without file system paths (they are ours, not the user's), shortened."""
    return without_paths(message)[:300]


@contextlib.contextmanager
def gdal_errors(what: str):
    """Inside the block, a GDAL RuntimeError becomes InputError("<what> Technical detail: …").

    `what` is a complete, translated sentence telling the user what went wrong and what to do.

    Allocation failures become MemoryError, so that the sandbox reports the memory limit.
    """
    try:
        yield
    except RuntimeError as exc:
        if _OUT_OF_MEMORY.search(str(exc)):
            raise MemoryError(str(exc)) from exc
        raise InputError(
            _("%(what)s Technical detail: %(reason)s")
            % {"what": what, "reason": clean_reason(str(exc))}
        ) from exc
