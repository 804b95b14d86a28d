"""Splitting a long statement into sections that are weighed one by one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Consideration, Statement, StatementSection


@transaction.atomic
def split_statement(*, statement: Statement, parts: list[str], user=None) -> list[StatementSection]:
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 2:
        raise ValidationError(_("A split needs at least two non-empty sections."))
    if statement.group_id:
        raise ValidationError(_("A statement weighed in a group cannot be split."))
    if statement.sections.filter(consideration__decision__gt="").exists():
        raise ValidationError(_("Sections that are already weighed cannot be split again."))
    statement.sections.all().delete()
    Consideration.objects.filter(statement=statement).delete()
    return [StatementSection.objects.create(statement=statement, order=i, text=text)
            for i, text in enumerate(parts, start=1)]


@transaction.atomic
def join_sections(*, statement: Statement) -> None:
    if statement.sections.filter(consideration__decision__gt="").exists():
        raise ValidationError(_("Sections that are already weighed cannot be joined."))
    statement.sections.all().delete()
