"""Reference numbers per authority and year ("ST-2026-00001"), consecutive, handed out under a
row lock of a counter model with the fields authority, year and last (one per module: statements
in planning, incident reports in participation.incidents)."""

from django.db import IntegrityError, transaction


def next_counted_reference(counter_model, *, authority, year: int, prefix: str) -> str:
    """The next reference number; call inside the transaction that stores the numbered object."""
    for _attempt in range(3):
        counter = (counter_model.objects.select_for_update()
                   .filter(authority=authority, year=year).first())
        if counter is None:
            try:
                with transaction.atomic():
                    counter_model.objects.create(authority=authority, year=year, last=0)
            except IntegrityError:
                pass  # created concurrently; lock it in the next round
            continue
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{prefix}-{year}-{counter.last:05d}"
    raise RuntimeError(f"could not lock the reference counter {counter_model.__name__}")
