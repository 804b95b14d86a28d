"""Reference numbers per authority and year ("ST-2026-00001"), consecutive, handed out under a
row lock of a counter model with the fields authority, year and last (one per module: statements
in planning, incident reports in participation.incidents)."""

from django.db import IntegrityError, connections, router, transaction


def _increment(counter_model, *, authority, year: int) -> int | None:
    """`last + 1` of the counter row, in one statement that also locks the row until the
    caller's transaction ends (a concurrent request waits and then counts on from the value
    committed before it); None when the row does not exist yet. One round trip instead of
    SELECT … FOR UPDATE and UPDATE (docs/performance.md "Statement submission")."""
    meta = counter_model._meta
    connection = connections[router.db_for_write(counter_model)]
    quote = connection.ops.quote_name
    last = quote(meta.get_field("last").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {last} = {last} + 1 "  # noqa: S608 – names from the model
            f"WHERE {quote(meta.get_field('authority').column)} = %s "
            f"AND {quote(meta.get_field('year').column)} = %s RETURNING {last}",
            [authority.pk, year],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def next_counted_reference(counter_model, *, authority, year: int, prefix: str) -> str:
    """The next reference number; call inside the transaction that stores the numbered object."""
    for _attempt in range(3):
        number = _increment(counter_model, authority=authority, year=year)
        if number is None:
            try:
                with transaction.atomic():
                    counter_model.objects.create(authority=authority, year=year, last=0)
            except IntegrityError:
                pass  # created concurrently; count on it in the next round
            continue
        return f"{prefix}-{year}-{number:05d}"
    raise RuntimeError(f"could not lock the reference counter {counter_model.__name__}")
