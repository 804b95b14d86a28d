"""The filtered, scoped set of statements shared by the list, map, export and staff API."""

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.http import urlencode

from ..models import Statement
from .staff_forms import FILTER_PARAMS, StatementFilterForm
from .staff_queries import (
    filter_statements,
    staff_phases,
    staff_plans,
    staff_statements,
    staff_topics,
)


class StatementQuery:
    """Bind the filter parameters to the user's authorities; invalid filters match nothing."""

    def __init__(self, user, params: QueryDict | dict):
        self.user = user
        bound = any(params.get(name) for name in FILTER_PARAMS)
        self.form = StatementFilterForm(
            params if bound else None, plans=staff_plans(user), phases=staff_phases(user),
            topics=staff_topics(user),
        )

    @property
    def is_valid(self) -> bool:
        return not self.form.is_bound or self.form.is_valid()

    @property
    def errors(self) -> dict:
        return self.form.errors if self.form.is_bound else {}

    def statements(self) -> QuerySet[Statement]:
        queryset = staff_statements(self.user)
        if not self.form.is_bound:
            return queryset
        if not self.form.is_valid():
            return queryset.none()
        return filter_statements(queryset, self.form.cleaned_data)

    def params(self) -> dict:
        return self.form.active()

    def querystring(self, **extra) -> str:
        params = {**self.params(), **{k: v for k, v in extra.items() if v not in (None, "")}}
        return urlencode(params)
