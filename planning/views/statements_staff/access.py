"""Finding statements, plans and phases for the signed-in staff member (404 when foreign)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from portal.models import Phase

from ...models import Plan, Statement
from ...statements import permissions  # noqa: F401  (registers the statement permissions)
from ...statements.filters import StatementQuery
from ...statements.permissions import actor_authority_ids
from ...statements.staff_queries import staff_phases, staff_plans, staff_statements

NO_STORE = "private, no-store"


def statement_for_staff(user, statement_uid) -> Statement:
    queryset = (
        staff_statements(user)
        .select_related("plan", "phase", "authority", "agency", "plan_feature", "document",
                        "privacy_notice", "entered_by")
        .annotate(cosignature_count=Count("cosignatures", distinct=True,
                                           filter=Q(cosignatures__confirmed_at__isnull=False)))
    )
    return get_object_or_404(queryset, uid=statement_uid)


def require(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def actor_plans(user) -> QuerySet[Plan]:
    """Plans with a procedure where the user may enter statements."""
    plans = staff_plans(user).filter(procedure__isnull=False)
    ids = actor_authority_ids(user)
    return plans if ids is None else plans.filter(authority_id__in=ids)


def statement_phases(plan: Plan) -> QuerySet[Phase]:
    """Phases of the plan whose kind takes statements (any state: late letters too)."""
    phases = Phase.objects.filter(procedure_id=plan.procedure_id).select_related(
        "procedure__plan").order_by("start_date", "pk")
    keep = [p.pk for p in phases
            if p.kind_definition is not None and p.kind_definition.accepts_statements]
    return phases.filter(pk__in=keep)


def statement_query(request) -> StatementQuery:
    return StatementQuery(request.user, request.GET)


def no_store(response):
    response["Cache-Control"] = NO_STORE
    return response


__all__ = ["actor_plans", "no_store", "require", "staff_phases", "statement_for_staff",
           "statement_phases", "statement_query"]
