"""Statements displayed publicly after moderation (never with personal data), and co-signing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.throttling import CLIENT, posted, throttle

from .. import selectors
from ..models import ModerationState, Plan, Statement
from ..services.cosigning import confirm_cosignature, cosign
from ..services.participation_settings import publicly_displayed
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
        Statement.objects.filter(publicly_displayed("phase__"), plan=plan,
                                 moderation=ModerationState.APPROVED)
        .select_related("phase")
        .annotate(cosignature_count=Count(
            "cosignatures", filter=Q(cosignatures__confirmed_at__isnull=False)))
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


@throttle(("cosign-client", CLIENT), ("cosign-address", posted("email")))
def cosign_statement(request, authority_slug, plan_uid, statement_uid):
    plan = _plan(authority_slug, plan_uid)
    statement = get_object_or_404(displayed_statements(plan), uid=statement_uid)
    form = CoSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signature, _created = cosign(statement=statement, name=form.cleaned_data["name"],
                                         email=form.cleaned_data["email"],
                                         postcode=form.cleaned_data["postcode"],
                                         base_url=request.build_absolute_uri("/"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Almost done: we have sent you an e-mail. Your co-signature of statement %(reference)s counts once you open the link in it.")
                             % {"reference": statement.reference}
                             if signature.confirmed_at is None else
                             _("You had already co-signed statement %(reference)s.")
                             % {"reference": statement.reference})
            return redirect("planning:public-statements", authority_slug=authority_slug,
                            plan_uid=plan.uid)
    return render(request, "planning/statements/cosign.html",
                  {"plan": plan, "statement": statement, "form": form},
                  status=400 if form.is_bound else 200)


def confirm_cosignature_link(request, authority_slug, plan_uid, token):
    """The link of the confirmation e-mail: a page with a button (mail scanners that open
    links must not confirm), the POST confirms."""
    plan = _plan(authority_slug, plan_uid)
    context = {"plan": plan}
    if request.method == "POST":
        try:
            signature, newly = confirm_cosignature(token, plan=plan)
        except ValidationError as exc:
            context["error"] = exc.messages[0]
            return render(request, "planning/statements/cosign_confirm.html", context, status=400)
        messages.success(request, _("Thank you, your co-signature of statement %(reference)s is confirmed.")
                         % {"reference": signature.statement.reference} if newly else
                         _("Your co-signature of statement %(reference)s was already confirmed.")
                         % {"reference": signature.statement.reference})
        return redirect("planning:public-statements", authority_slug=authority_slug,
                        plan_uid=plan.uid)
    return render(request, "planning/statements/cosign_confirm.html", context)
