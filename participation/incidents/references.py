"""Reference numbers of incident reports: per authority and year, handed out under a row lock."""

from django.db import IntegrityError, transaction

from .models import ReferenceCounter

PREFIX = "EM"


def next_reference(authority, year: int) -> str:
    """The next reference number ("EM-2026-00001"); call inside the storing transaction."""
    for _attempt in range(3):
        counter = (ReferenceCounter.objects.select_for_update()
                   .filter(authority=authority, year=year).first())
        if counter is None:
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(authority=authority, year=year, last=0)
            except IntegrityError:
                pass  # created concurrently; lock it in the next round
            continue
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{PREFIX}-{year}-{counter.last:05d}"
    raise RuntimeError("could not lock the incident reference counter")
