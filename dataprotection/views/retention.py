"""The retention rules of an authority: shown with their defaults and what is due now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..data_types import data_type
from ..forms import RetentionRuleForm
from ..models import AccessLogEntry, RetentionRule
from ..permissions import administered_authority
from ..retention import effective_rules, months_before


@login_required
def retention_rules(request, authority_pk):
    authority = administered_authority(request.user, authority_pk)
    if request.method == "POST":
        code = request.POST.get("data_type", "")
        if data_type(code) is not None:
            rule = RetentionRule.objects.filter(authority=authority, data_type=code).first() \
                or RetentionRule(authority=authority, data_type=code)
            form = RetentionRuleForm(request.POST, instance=rule)
            if form.is_valid():
                form.save()
                messages.success(request, _("The retention rule was saved."))
                return redirect("dataprotection:retention", authority_pk=authority.pk)
            messages.error(request, _("Enter a number of months."))
    now = timezone.now()
    rows = [(rule, rule.data_type.due(authority, months_before(now, rule.months)).count()
             if rule.is_active else 0) for rule in effective_rules(authority)]
    return render(request, "dataprotection/retention.html",
                  {"authority": authority, "rows": rows})


@login_required
def access_log(request, authority_pk):
    authority = administered_authority(request.user, authority_pk)
    entries = AccessLogEntry.objects.filter(authority=authority).select_related("user")[:500]
    return render(request, "dataprotection/access_log.html",
                  {"authority": authority, "entries": entries})
