"""Staff pages for trail sections and wardens: sections of a trail, the wardens of the user's
authorities, inviting a warden by e-mail and assigning sections. Admins, planners and
moderators change; viewers read; a foreign trail or warden is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.models import Authority

from .. import selectors
from ..models import TrailSection, Warden
from ..services.wardens import invite_warden, set_sections
from ..warden_forms import InviteWardenForm, SectionForm, WardenSectionsForm


def _can_edit(user, authority) -> bool:
    return authority in selectors.staff_authorities(user, selectors.EDIT_ROLES)


@never_cache
@login_required
def sections(request, trail_pk):
    trail = selectors.staff_trail(request.user, trail_pk)
    can_edit = _can_edit(request.user, trail.authority)
    form = SectionForm(request.POST if can_edit and request.method == "POST" else None,
                       trail=trail)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            section = TrailSection(trail=trail, name=data["name"].strip(),
                                   start_km=data["start_km"], end_km=data["end_km"])
            section.full_clean()
            section.save()
        except (ValidationError, IntegrityError):
            form.add_error(None, _("This trail already has a section of this name."))
        else:
            messages.success(request, _("Section %(name)s saved.") % {"name": section.name})
            return redirect("trails_staff:sections", trail_pk=trail.pk)
    return render(request, "trails/staff/sections.html", {
        "trail": trail, "form": form, "can_edit": can_edit,
        "sections": trail.sections.prefetch_related("wardens")},
        status=400 if form.is_bound else 200)


def _sections_of(authorities):
    return (TrailSection.objects.filter(trail__authority__in=authorities)
            .select_related("trail").order_by("trail__name", "start_km"))


@never_cache
@login_required
def wardens(request):
    authorities = selectors.staff_authorities_or_404(request.user)
    editable = selectors.staff_authorities(request.user, selectors.EDIT_ROLES)
    form = None
    if editable:
        form = InviteWardenForm(
            request.POST if request.method == "POST" else None,
            authorities=Authority.objects.filter(pk__in=[a.pk for a in editable]),
            sections=_sections_of(editable))
    if form is not None and form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            warden = invite_warden(
                authority=data["authority"], email=data["email"], sections=data["sections"],
                invited_by=request.user,
                link_for=lambda token: request.build_absolute_uri(
                    reverse("trails_warden:invitation", args=[token])))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.")
                             % {"email": warden.email})
            return redirect("trails_staff:wardens")
    return render(request, "trails/staff/wardens.html", {
        "form": form,
        "wardens": Warden.objects.filter(authority__in=authorities)
        .select_related("authority", "user").prefetch_related("sections__trail")},
        status=400 if form is not None and form.is_bound else 200)


@never_cache
@login_required
def warden(request, warden_pk):
    authorities = selectors.staff_authorities_or_404(request.user)
    item = (Warden.objects.filter(authority__in=authorities, pk=warden_pk)
            .select_related("authority", "user").first())
    if item is None:
        raise Http404
    can_edit = _can_edit(request.user, item.authority)
    form = WardenSectionsForm(request.POST if can_edit and request.method == "POST" else None,
                              sections=_sections_of([item.authority]),
                              initial={"sections": list(item.sections.all())})
    if form.is_bound and form.is_valid():
        set_sections(warden=item, sections=form.cleaned_data["sections"])
        messages.success(request, _("Sections of %(email)s saved.") % {"email": item.email})
        return redirect("trails_staff:wardens")
    return render(request, "trails/staff/warden.html", {
        "warden": item, "form": form, "can_edit": can_edit,
        "inspections": item.inspections.prefetch_related("sections", "reports")[:50]},
        status=400 if form.is_bound else 200)
