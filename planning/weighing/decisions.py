"""Deciding on a statement, a section of it, or a group of statements (history is kept)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Consideration, Decision, Statement, StatementGroup, StatementSection


def _target_fields(target) -> dict:
    if isinstance(target, Statement):
        return {"statement": target}
    if isinstance(target, StatementSection):
        return {"section": target}
    if isinstance(target, StatementGroup):
        return {"group": target}
    raise TypeError(f"cannot weigh {target!r}")


def _authority_id(target) -> int:
    if isinstance(target, StatementSection):
        return target.statement.authority_id
    return target.authority_id


def consideration_for(target) -> Consideration:
    """The consideration of the target, created empty if there is none yet."""
    fields = _target_fields(target)
    consideration = Consideration.objects.filter(**fields).first()
    if consideration is None:
        consideration = Consideration(authority_id=_authority_id(target), **fields)
    return consideration


@transaction.atomic
def decide(*, target, user, decision: str | None = None, reasoning: str | None = None,
           plan_change: str | None = None, plan_features=None, assignee=None, due_date=None,
           clear_assignee: bool = False) -> Consideration:
    """Record (part of) the decision on a target; unchanged arguments stay as they are.

    A statement in a group is weighed through its group; a statement split into sections is
    weighed section by section.
    """
    if isinstance(target, Statement):
        if target.group_id:
            raise ValidationError(
                _("This statement belongs to the group “%(group)s” and is weighed with it.")
                % {"group": target.group.title})
        if target.sections.exists():
            raise ValidationError(_("This statement is split into sections; weigh each section."))
    if decision is not None and decision not in Decision.values and decision != "":
        raise ValidationError(_("Unknown decision."))
    consideration = consideration_for(target)
    if decision is not None:
        consideration.decision = decision
    if reasoning is not None:
        consideration.reasoning = reasoning.strip()
    if plan_change is not None:
        consideration.plan_change = plan_change.strip()
    if assignee is not None or clear_assignee:
        consideration.assignee = assignee
    if due_date is not None:
        consideration.due_date = due_date
    if consideration.decision and not consideration.reasoning and \
            consideration.decision != Decision.NOTED:
        raise ValidationError(_("Please give the reasons for this decision."))
    consideration.updated_by = user
    consideration._history_user = user
    consideration.save()
    if plan_features is not None:
        plan = _plan_of(target)
        allowed = [f for f in plan_features if f.layer.plan_link.plan_id == plan.pk]
        if len(allowed) != len(list(plan_features)):
            raise ValidationError(_("Only objects of this plan can be linked."))
        consideration.plan_features.set(allowed)
    return consideration


def _plan_of(target):
    if isinstance(target, StatementSection):
        return target.statement.plan
    return target.plan
