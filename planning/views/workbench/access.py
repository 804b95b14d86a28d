"""Scoped lookups of the workbench: every object of another authority is simply not found."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gis.models import Feature
from portal.models import Membership
from portal.tenancy import scoped_to_staff

from ...maps.objects import feature_choices as object_choices
from ...models import Plan, Statement, StatementGroup, StatementSection


def plans(user):
    return scoped_to_staff(Plan.objects.all(), user).select_related("authority")


def plan(user, plan_uid) -> Plan:
    return get_object_or_404(plans(user), uid=plan_uid)


def statement(user, statement_uid) -> Statement:
    return get_object_or_404(
        scoped_to_staff(Statement.objects.all(), user).select_related(
            "plan", "phase", "group", "authority", "plan_feature", "document"),
        uid=statement_uid,
    )


def group(user, group_pk) -> StatementGroup:
    return get_object_or_404(scoped_to_staff(StatementGroup.objects.all(), user)
                             .select_related("plan"), pk=group_pk)


def section(user, section_pk) -> StatementSection:
    return get_object_or_404(
        StatementSection.objects.filter(
            statement__in=scoped_to_staff(Statement.objects.all(), user)
        ).select_related("statement"),
        pk=section_pk,
    )


def require_weigh(user, obj) -> None:
    if not user.has_perm("planning.weigh", obj):
        raise PermissionDenied


def staff_choices(authority):
    user_ids = Membership.objects.filter(authority=authority, role__in=["admin", "planner"]) \
        .values_list("user_id", flat=True)
    users = get_user_model().objects.filter(pk__in=user_ids).order_by("last_name", "username")
    return [(u.pk, u.get_full_name() or u.username) for u in users]


def feature_choices(plan_obj):
    rows = (Feature.objects.filter(layer__plan_link__plan=plan_obj)
            .order_by("layer__plan_link__order", "source_index")
            .values_list("pk", "label", "feature_class", "style_key", "layer__name",
                     "layer__style")[:500])
    return object_choices(rows)
