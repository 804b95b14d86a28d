"""Reusable reasoning texts per authority."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.models import Authority
from portal.tenancy import scoped_to_staff

from ...models import TextBlock
from ...weighing.forms import TextBlockForm


@login_required
def text_blocks(request):
    authorities = Authority.objects.for_staff(request.user).order_by("name")
    editable = [a for a in authorities if request.user.has_perm("planning.weigh", a)]
    form = TextBlockForm(request.POST or None)
    if request.method == "POST":
        authority = next((a for a in editable if str(a.pk) == request.POST.get("authority")), None)
        if authority is None:
            raise PermissionDenied
        if form.is_valid():
            TextBlock.objects.create(authority=authority, **form.cleaned_data)
            messages.success(request, _("The text block was saved."))
            return redirect("planning_workbench:text-blocks")
    blocks = scoped_to_staff(TextBlock.objects.all(), request.user).select_related("authority")
    return render(request, "planning/workbench/text_blocks.html",
                  {"blocks": blocks, "form": form, "authorities": editable},
                  status=400 if form.is_bound and form.errors else 200)


@login_required
@require_POST
def delete_text_block(request, pk):
    block = get_object_or_404(scoped_to_staff(TextBlock.objects.all(), request.user), pk=pk)
    if not request.user.has_perm("planning.weigh", block.authority):
        raise PermissionDenied
    block.delete()
    messages.success(request, _("The text block was deleted."))
    return redirect("planning_workbench:text-blocks")
