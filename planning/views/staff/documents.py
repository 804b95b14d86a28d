"""Documents of a plan: upload, download (staff), delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ...forms import DocumentForm
from ...services.documents import add_document, delete_document
from .access import plan_for_editing, plan_for_staff
from .feedback import add_service_error
from .plan_detail import render_plan_detail


def _back(plan):
    return redirect(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid})
                    + "#documents")


@login_required
def document_add(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid)
    if request.method != "POST":
        return _back(plan)
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = add_document(plan=plan, kind=data["kind"], title=data["title"],
                                    upload=data["file"], is_public=data["is_public"])
        except ValidationError as exc:
            add_service_error(form, exc, default_field="file")
        else:
            messages.success(request, _("The document “%(title)s” was added.")
                             % {"title": document.title})
            return _back(plan)
    return render_plan_detail(request, plan, document_form=form)


@login_required
def document_download(request, plan_uid, document_uid):
    plan = plan_for_staff(request.user, plan_uid)
    document = get_object_or_404(plan.documents.all(), uid=document_uid)
    if not document.file:
        raise Http404
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.file_name or "document",
                            content_type=document.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_delete(request, plan_uid, document_uid):
    plan = plan_for_editing(request.user, plan_uid)
    document = get_object_or_404(plan.documents.all(), uid=document_uid)
    if request.method == "POST":
        delete_document(document=document)
        messages.success(request, _("The document “%(title)s” was deleted.")
                         % {"title": document.title})
        return _back(plan)
    return render(request, "planning/staff/confirm_delete.html", {
        "plan": plan,
        "title": _("Delete the document “%(title)s”?") % {"title": document.title},
        "explanation": _("The file is deleted for good; it disappears from the public page too."),
        "button": _("Delete the document"),
        "cancel_url": reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid})
        + "#documents",
    })
