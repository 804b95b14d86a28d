"""Row counts of every model: a refused request must leave all of them as they were."""

from django.apps import apps

#: Tables a refused request may legitimately touch (sessions, the admin log is not one).
IGNORED = {"sessions.session", "contenttypes.contenttype"}


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in IGNORED or model._meta.proxy or not model._meta.managed:
            continue
        counts[label] = model._default_manager.count()
    return counts


def changed_rows(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {label: (before[label], after[label]) for label in before
            if before[label] != after[label]}
