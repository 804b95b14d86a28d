"""The incident module's objects of an adversarial-world tenant (tests/adversarial/world.py):
the module switched on, a category with a question, a report with a photo, a support, a
response template and an Open311 key; the secret marker only in non-public fields."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation.incidents.models import (
    CategoryQuestion,
    Datatype,
    IncidentCategory,
    IncidentReport,
    ResponseTemplate,
)
from participation.incidents.services.api_keys import issue_key
from participation.incidents.services.reports import NewReport, Reporter, create_report
from participation.incidents.services.support import support_report


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 10)).save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def build_incidents(authority, key: str, secret: str, point) -> dict:
    authority.enabled_modules = [*(authority.enabled_modules or ["bauleitplanung"]),
                                 "incidents"]
    authority.save(update_fields=["enabled_modules"])
    category = IncidentCategory.objects.create(
        authority=authority, service_code=f"schlagloch-{key.lower()}", name=f"Schlagloch {key}")
    CategoryQuestion.objects.create(category=category, code="groesse",
                                    datatype=Datatype.SINGLEVALUELIST, label="Wie groß?",
                                    values=[{"key": "klein", "name": "klein"}])
    report, _created = create_report(
        report=NewReport(category=category, location=point, description=f"Loch {key}",
                         reporter=Reporter(name=f"{secret} Melderin",
                                           email=f"melder-{key.lower()}@example.org",
                                           phone="0351 123")),
        photos=[_jpeg()])
    # References differ between the tenants, so a foreign one never names an own report.
    IncidentReport.objects.filter(pk=report.pk).update(reference=f"EM-2026-{key}0001")
    report.refresh_from_db()
    support_report(report=report, email=f"auch-{key.lower()}@example.org")
    template = ResponseTemplate.objects.create(authority=authority, title=f"{secret} Vorlage",
                                               text=f"{secret} Antwort")
    api_key, _plain = issue_key(authority=authority, client_name=f"{secret} App")
    return {"incident_category": category, "incident_report": report,
            "incident_photo": report.photos.get(), "response_template": template,
            "open311_key": api_key}
