"""Data-subject requests: the register, search, export (JSON, PDF) and erasure."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access_log import opened as record_access

from .. import register, subjects
from ..forms import SearchForm, SubjectRequestForm
from ..models import DataSubjectRequest, RequestKind
from ..permissions import administered, administered_authority
from ..subject_pdf import render_subject_export


@login_required
def request_list(request, authority_pk):
    authority = administered_authority(request.user, authority_pk)
    form = SubjectRequestForm(request.POST or None,
                              initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        subject_request = register.create_request(
            authority=authority, user=request.user, **form.cleaned_data)
        return redirect("dataprotection:request-detail", request_uid=subject_request.uid)
    return render(request, "dataprotection/requests.html", {
        "authority": authority, "form": form, "today": timezone.localdate(),
        "requests": DataSubjectRequest.objects.filter(authority=authority),
    })


def _own_request(user, uid) -> DataSubjectRequest:
    return get_object_or_404(
        DataSubjectRequest.objects.filter(authority__in=administered(user))
        .select_related("authority"), uid=uid)


@login_required
def request_detail(request, request_uid):
    subject_request = _own_request(request.user, request_uid)
    found = None
    if not subject_request.completed_at or subject_request.subject_name \
            or subject_request.subject_email:
        found = subjects.find([subject_request.authority], name=subject_request.subject_name,
                              email=subject_request.subject_email)
        record_access(request, authority=subject_request.authority,
                      what="subject-request", reference=subject_request.reference)
    return render(request, "dataprotection/request_detail.html", {
        "subject_request": subject_request, "found": found,
        "is_erasure": subject_request.kind == RequestKind.ERASURE,
    })


def _export_data(request, subject_request) -> dict:
    if not (subject_request.subject_name or subject_request.subject_email):
        raise Http404
    record_access(request, authority=subject_request.authority,
                  what="subject-export", reference=subject_request.reference)
    return subjects.export([subject_request.authority], name=subject_request.subject_name,
                           email=subject_request.subject_email)


@login_required
def request_export_json(request, request_uid):
    subject_request = _own_request(request.user, request_uid)
    data = _export_data(request, subject_request)
    data = {"request": subject_request.reference,
            "controller": subject_request.authority.name, **data}
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = \
        f'attachment; filename="{subject_request.reference}.json"'
    return response


@login_required
def request_export_pdf(request, request_uid):
    subject_request = _own_request(request.user, request_uid)
    data = _export_data(request, subject_request)
    response = HttpResponse(render_subject_export(data, reference=subject_request.reference),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{subject_request.reference}.pdf"'
    return response


@login_required
@require_POST
def request_complete(request, request_uid):
    subject_request = _own_request(request.user, request_uid)
    if subject_request.completed_at:
        return redirect("dataprotection:request-detail", request_uid=subject_request.uid)
    if subject_request.kind == RequestKind.ERASURE:
        if request.POST.get("confirm") != "erase":
            messages.error(request, _("Confirm the erasure."))
            return redirect("dataprotection:request-detail", request_uid=subject_request.uid)
        register.erase_and_complete(subject_request=subject_request)
        messages.success(request, _("The person's data were anonymised."))
    else:
        if request.POST.get("confirm") != "done":
            messages.error(request, _("Confirm that the information was sent."))
            return redirect("dataprotection:request-detail", request_uid=subject_request.uid)
        register.complete(subject_request=subject_request,
                          outcome=request.POST.get("outcome", "")[:2000])
        messages.success(request, _("The request is marked as completed."))
    return redirect("dataprotection:request-detail", request_uid=subject_request.uid)


@login_required
def search(request):
    authorities = administered(request.user)
    if not authorities.exists():
        raise Http404
    form = SearchForm(request.GET or None)
    found = None
    if request.GET and form.is_valid():
        found = subjects.find(authorities, name=form.cleaned_data["name"],
                              email=form.cleaned_data["email"])
        for authority in {s.authority for s in found.statements}:
            record_access(request, authority=authority, what="person-search")
    return render(request, "dataprotection/search.html", {"form": form, "found": found})
