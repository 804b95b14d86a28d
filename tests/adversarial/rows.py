"""Row counts of every model: a refused request must leave all of them as they were."""

from django.apps import apps
from django.db import connection

#: Tables a refused request may legitimately touch.
#: django-axes records every failed sign-in on purpose (it locks out guessing).
IGNORED = {"sessions.session", "contenttypes.contenttype", "axes.accessattempt",
           "axes.accessfailurelog"}


def _tables() -> list[tuple[str, str]]:
    return [(model._meta.label_lower, model._meta.db_table) for model in apps.get_models()
            if model._meta.label_lower not in IGNORED and model._meta.managed
            and not model._meta.proxy]


def row_counts() -> dict[str, int]:
    """{model label: rows}, in one query (it runs around every hostile request)."""
    tables = _tables()
    quote = connection.ops.quote_name
    # Table names come from the models (quoted), never from input.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for _l, table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    return dict(zip([label for label, _t in tables], counts, strict=True))


def changed_rows(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {label: (before[label], after[label]) for label in before
            if before[label] != after[label]}
