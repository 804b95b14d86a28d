"""Anonymisation of stored personal data, shared by the retention run and erasure requests.

Each function takes a queryset, changes only rows that still hold personal data (so a second
run changes nothing) and returns how many rows it changed. The statement text, its sections and
the weighing are kept: the weighing and the published result need them (§§ 3, 4, 10 BauGB).
"""

from django.db import transaction
from django.db.models import Q

from planning.models import (
    CoSignature,
    ExportJob,
    ResultNotification,
    Statement,
    StatementAttachment,
)
from planning.models.export_job import ExportVariant

#: Fields of a statement that identify its submitter (the organisation of an agency and the
#: agency itself are not personal data and stay).
SUBMITTER_FIELDS = ("name", "street", "postcode", "city", "email")
#: Cleared with them: the replay fingerprint is a hash over the submitter's identity.
CLEARED_FIELDS = (*SUBMITTER_FIELDS, "fingerprint")


def holding_submitter_data(statements):
    """Statements of `statements` that still carry any submitter field."""
    query = Q()
    for field in SUBMITTER_FIELDS:
        query |= ~Q(**{field: ""})
    return statements.filter(query)


def anonymise_statements(statements) -> int:
    """Blank the submitter's name, address, e-mail (and the replay fingerprint) of the
    statements, the recipients of their result notifications, and drop stored internal exports
    of their plans (which list the submitters)."""
    with transaction.atomic():
        pks = list(holding_submitter_data(statements).values_list("pk", flat=True))
        if not pks:
            return 0
        plan_ids = set(Statement.objects.filter(pk__in=pks).values_list("plan_id", flat=True))
        changed = Statement.objects.filter(pk__in=pks).update(
            **dict.fromkeys(CLEARED_FIELDS, ""))
        ResultNotification.objects.filter(statement_id__in=pks, cosignature__isnull=True) \
            .exclude(recipient="").update(recipient="")
        delete_internal_exports(plan_ids)
        return changed


def holding_cosigner_data(cosignatures):
    return cosignatures.exclude(name="", postcode="", email__endswith=ANONYMOUS_DOMAIN)


ANONYMOUS_DOMAIN = "@anonymisiert.invalid"


def anonymise_cosignatures(cosignatures) -> int:
    """Co-signers keep counting (the confirmed number is public); their name, postcode and
    e-mail go. The e-mail becomes a unique placeholder (one co-signature per address)."""
    changed = 0
    with transaction.atomic():
        for cosignature in holding_cosigner_data(cosignatures).only("pk"):
            CoSignature.objects.filter(pk=cosignature.pk).update(
                name="", postcode="", email=f"entfernt-{cosignature.pk}{ANONYMOUS_DOMAIN}")
            ResultNotification.objects.filter(cosignature_id=cosignature.pk).exclude(
                recipient="").update(recipient="")
            changed += 1
    return changed


def delete_attachments(attachments) -> int:
    """Delete the files and their rows (a scanned letter cannot be anonymised reliably)."""
    changed = 0
    for attachment in attachments.select_related(None):
        storage, name = attachment.file.storage, attachment.file.name
        StatementAttachment.objects.filter(pk=attachment.pk).delete()
        transaction.on_commit(lambda s=storage, n=name: n and s.delete(n))
        changed += 1
    return changed


def delete_internal_exports(plan_ids) -> int:
    """Stored exports with the submitters' personal data of these plans: file and job go."""
    jobs = ExportJob.objects.filter(plan_id__in=plan_ids, variant=ExportVariant.INTERNAL)
    count = 0
    for job in jobs:
        if job.file:
            storage, name = job.file.storage, job.file.name
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))
        count += 1
    jobs.delete()
    return count
