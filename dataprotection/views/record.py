"""The record of processing activities: page with the editable parts, PDF and ODT."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import ProcessingRecordForm
from ..models import ProcessingRecord
from ..permissions import administered_authority
from ..record import activity_rows, build_record
from ..record_export import render_record_odt, render_record_pdf


@login_required
def record_page(request, authority_pk):
    authority = administered_authority(request.user, authority_pk)
    saved = ProcessingRecord.objects.filter(authority=authority).first() \
        or ProcessingRecord(authority=authority)
    form = ProcessingRecordForm(request.POST or None, instance=saved)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The record was saved."))
        return redirect("dataprotection:record", authority_pk=authority.pk)
    record = build_record(authority)
    return render(request, "dataprotection/record.html", {
        "authority": authority, "form": form, "record": record,
        "activities": [(activity, activity_rows(activity)) for activity in record.activities],
    })


@login_required
def record_pdf(request, authority_pk):
    authority = administered_authority(request.user, authority_pk)
    response = HttpResponse(render_record_pdf(build_record(authority)),
                            content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.pdf"'
    return response


@login_required
def record_odt(request, authority_pk):
    authority = administered_authority(request.user, authority_pk)
    response = HttpResponse(render_record_odt(build_record(authority)),
                            content_type="application/vnd.oasis.opendocument.text")
    response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.odt"'
    return response
