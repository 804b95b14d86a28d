"""/staff/plaene/: the plans of the user's authorities, grouped by authority."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.models import Authority

from ...rules import editable_authority_ids
from .access import staff_plans

LIST_FIELDS = ("uid", "name", "number", "kind", "status_group", "legal_status", "is_published",
               "updated_at", "authority_id", "authority__name", "authority__slug")


@login_required
def plan_list(request):
    user = request.user
    plans = (staff_plans(user).select_related("authority").only(*LIST_FIELDS)
             .order_by("authority__name", "name", "pk"))
    by_authority: dict[int, list] = {}
    for plan in plans:
        by_authority.setdefault(plan.authority_id, []).append(plan)
    editable = None if user.is_superuser else editable_authority_ids(user)
    authorities = (Authority.objects.for_staff(user).filter(is_active=True)
                   .only("pk", "name", "slug", "kind").order_by("name"))
    if user.is_superuser:  # state operators: only authorities that have plans
        authorities = authorities.filter(pk__in=list(by_authority))
    groups = [
        {
            "authority": authority,
            "plans": by_authority.get(authority.pk, []),
            "can_add": editable is None or authority.pk in editable,
        }
        for authority in authorities
    ]
    return render(request, "planning/staff/plan_list.html", {
        "groups": groups,
        "can_add_any": any(group["can_add"] for group in groups) or bool(editable is None),
        "plan_count": sum(len(group["plans"]) for group in groups),
    })
