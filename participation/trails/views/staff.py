"""Staff pages: the trails and signposts of the user's authorities (foreign ones are a 404),
signposts created and edited by admins, planners and moderators, the QR label sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.models import Authority

from .. import selectors
from ..forms import SignpostForm, SignpostImportForm
from ..labels import render_labels
from ..models import Signpost, Trail
from ..services.signpost_csv import import_signposts
from ..services.signposts import save_signpost


@never_cache
@login_required
def overview(request):
    authorities = selectors.staff_authorities_or_404(request.user)
    trails = Trail.objects.filter(authority__in=authorities).select_related("authority")
    signposts = (Signpost.objects.filter(authority__in=authorities)
                 .select_related("authority").prefetch_related("trails"))
    can_edit = bool(selectors.staff_authorities(request.user, selectors.EDIT_ROLES))
    return render(request, "trails/staff/overview.html",
                  {"trails": trails, "signposts": signposts, "can_edit": can_edit})


def _apply(signpost: Signpost, data: dict) -> Signpost:
    signpost.location = data["location"]
    signpost.plates = data["plates"]
    signpost.material = data["material"]
    signpost.condition = data["condition"]
    signpost.last_inspected = data["last_inspected"]
    return save_signpost(signpost)


@never_cache
@login_required
def signpost_create(request):
    authorities = selectors.staff_authorities_or_404(request.user, selectors.EDIT_ROLES)
    form = SignpostForm(request.POST or None,
                        authorities=Authority.objects.filter(pk__in=[a.pk for a in authorities]))
    if request.method == "POST" and form.is_valid():
        signpost = _apply(Signpost(authority=form.cleaned_data["authority"]), form.cleaned_data)
        messages.success(request, _("Signpost %(id)s saved.") % {"id": signpost.public_id})
        return redirect("trails_staff:signpost", public_id=signpost.public_id)
    return render(request, "trails/staff/signpost_form.html", {"form": form, "signpost": None},
                  status=400 if form.is_bound else 200)


@never_cache
@login_required
def signpost_edit(request, public_id):
    signpost = selectors.staff_signpost(request.user, public_id)
    can_edit = signpost.authority in selectors.staff_authorities(request.user,
                                                                 selectors.EDIT_ROLES)
    form = SignpostForm(request.POST if can_edit and request.method == "POST" else None,
                        authorities=Authority.objects.filter(pk=signpost.authority_id),
                        signpost=signpost)
    if form.is_bound and form.is_valid():
        _apply(signpost, form.cleaned_data)
        messages.success(request, _("Signpost %(id)s saved.") % {"id": signpost.public_id})
        return redirect("trails_staff:signpost", public_id=signpost.public_id)
    return render(request, "trails/staff/signpost_form.html", {
        "form": form, "signpost": signpost, "can_edit": can_edit,
        "changes": signpost.history.select_related("history_user").order_by("-history_date"),
        "reports": selectors.signpost_reports(signpost)},
        status=400 if form.is_bound else 200)


@never_cache
@login_required
def labels(request, trail_pk):
    trail = selectors.staff_trail(request.user, trail_pk)
    signposts = list(trail.signposts.order_by("number"))

    def short_url(signpost):
        return request.build_absolute_uri(reverse("trails:short", args=[signpost.public_id]))

    response = HttpResponse(render_labels(trail, signposts, short_url),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wegweiser-{trail.pk}.pdf"'
    return response


@never_cache
@login_required
def signpost_import(request):
    authorities = selectors.staff_authorities_or_404(request.user, selectors.EDIT_ROLES)
    form = SignpostImportForm(request.POST or None, request.FILES or None,
                              authorities=Authority.objects.filter(
                                  pk__in=[a.pk for a in authorities]))
    if request.method == "POST" and form.is_valid():
        try:
            created = import_signposts(form.cleaned_data["file"].read(),
                                       authority=form.cleaned_data["authority"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("%(count)d signposts imported.")
                             % {"count": len(created)})
            return redirect("trails_staff:overview")
    return render(request, "trails/staff/signpost_import.html", {"form": form},
                  status=400 if form.is_bound else 200)
