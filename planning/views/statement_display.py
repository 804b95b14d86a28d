"""Statements displayed publicly after moderation (never with personal data), and co-signing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors
from ..models import ModerationState, Plan, Statement
from ..services.cosigning import cosign
from ..services.statements import settings_for
from ..statements.forms import trap_filled_error


class CoSignForm(forms.Form):
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    postcode = forms.CharField(label=gettext_lazy("Postcode (optional)"), required=False,
                               max_length=10)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):  # the trap field is hidden: its error belongs to the form
            raise trap_filled_error()
        return cleaned


def _plan(authority_slug, plan_uid) -> Plan:
    try:
        return selectors.plan_for_public(authority_slug=authority_slug, uid=plan_uid)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc


def displayed_statements(plan: Plan):
    return (
        Statement.objects.filter(plan=plan, moderation=ModerationState.APPROVED,
                                 phase__statement_settings__display_publicly=True)
        .select_related("phase")
        .annotate(cosignature_count=Count("cosignatures"))
        .order_by("-received_at")
    )


def public_statements(request, authority_slug, plan_uid):
    plan = _plan(authority_slug, plan_uid)
    statements = displayed_statements(plan)
    now = timezone.now()
    rows = [
        {"statement": s, "can_cosign": settings_for(s.phase).allow_cosigning and s.phase.is_open(now)}
        for s in statements
    ]
    return render(request, "planning/statements/public_list.html",
                  {"plan": plan, "rows": rows, "form": CoSignForm()})


def cosign_statement(request, authority_slug, plan_uid, statement_uid):
    plan = _plan(authority_slug, plan_uid)
    statement = get_object_or_404(displayed_statements(plan), uid=statement_uid)
    form = CoSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _signature, created = cosign(statement=statement, name=form.cleaned_data["name"],
                                         email=form.cleaned_data["email"],
                                         postcode=form.cleaned_data["postcode"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you, you have co-signed statement %(reference)s.")
                             % {"reference": statement.reference} if created else
                             _("You had already co-signed statement %(reference)s.")
                             % {"reference": statement.reference})
            return redirect("planning:public-statements", authority_slug=authority_slug,
                            plan_uid=plan.uid)
    return render(request, "planning/statements/cosign.html",
                  {"plan": plan, "statement": statement, "form": form},
                  status=400 if form.is_bound else 200)
