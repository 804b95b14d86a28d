"""import_xplan: read, validate and store an XPlanGML file or XPlanArchiv, all or nothing.

    report = import_xplan(path, authority=authority)               # report["errors"] == [] ok
    report = import_xplan(path, authority=authority, dry_run=True) # validate only

1. Read the file in the sandbox (reading.py); a file that cannot be read at all gives the
   failure report (build_failure_report) and nothing else happens.
2. Validate: the reader's messages (for XPlanGML 6.0 including the violations of the official
   schema, PORTAL_XPLAN_SCHEMA_DIR) plus the portal's checks (checks.py) and the procedure
   periods (phases.py). Any error stops here; a dry run stops here in any case. Schema errors
   are warnings instead when the staff chose "import despite schema errors".
3. Write, in one transaction, per plan: the Plan with its procedure and phases, its documents,
   its content layers with their features, its scan layers (ingest queued on commit), and its
   XPlanRecord. Files saved to storage on the way are deleted again if anything fails.

The report is build_import_report's JSON with each plan's "id" (and "uid") filled in, and the
portal's messages added to "warnings" / "errors".
"""

import logging
import tempfile
from pathlib import Path

from django.db import transaction

from gis.errors import InputError
from gis.sandbox import SandboxFailure
from gis.srid import storage_srid
from portal.models import Authority

from ..models import Plan, XPlanImportJob, XPlanRecord
from ..xplanung import Message, XPlanDocument, build_failure_report, build_import_report
from ..xplanung import Plan as XPlan
from ..xplanung.schema_validation import SCHEMA_ERROR
from .checks import portal_checks
from .content_layers import create_content_layer
from .grouping import group_objects
from .phases import planned_phases, procedure_kind
from .plan_documents import create_documents
from .plan_rows import create_plan_row, schedule_phases
from .reading import read_document
from .record import record_data
from .scans import create_scan_layers
from .stored_files import StoredFiles

logger = logging.getLogger(__name__)


def _failure(name: str, error: InputError) -> dict:
    report = build_failure_report(name, error)
    if isinstance(error, SandboxFailure):
        report["errors"][0]["code"] = f"sandbox_{error.reason}"
    return report


def _add_messages(report: dict, messages: list[Message]) -> None:
    for message in messages:
        key = "errors" if message.level == "error" else "warnings"
        report[key].append(message.as_dict())


def _write_plan(xplan: XPlan, *, document: XPlanDocument, authority: Authority, source: Path,
                source_name: str, user, job, stored: StoredFiles) -> tuple[Plan, list[Message]]:
    kind = procedure_kind(xplan)
    specs, _messages = planned_phases(xplan, kind)  # reported during validation
    plan = create_plan_row(xplan=xplan, authority=authority, version=document.version,
                           procedure_kind=kind, source=source, source_name=source_name,
                           stored=stored)
    messages = schedule_phases(plan=plan, xplan=xplan, specs=specs)
    messages += create_documents(plan=plan, references=xplan.external_references,
                                 files=document.files, stored=stored, gml_id=xplan.gml_id)
    scans, scan_messages = create_scan_layers(
        plan=plan, xplan=xplan, files=document.files, stored=stored, first_order=0,
        document_order=len(xplan.external_references),
    )
    messages += scan_messages
    groups, without_geometry = group_objects(xplan.objects)
    positions = {id(feature): index for index, feature in enumerate(xplan.objects)}
    for order, group in enumerate(groups, start=scans):
        create_content_layer(plan=plan, group=group, order=order, source_name=source_name,
                             positions=positions)
    map_objects = [item.feature for group in groups for item in group.items]
    record = XPlanRecord(
        plan=plan, job=job, source_name=source_name[:255], xplan_version=document.version,
        source_srid=xplan.area.srid if xplan.area is not None else None, imported_by=user,
        data=record_data(
            xplan,
            objects_without_geometry=[(positions[id(f)], f) for f in without_geometry],
            map_objects=map_objects, plan_row=plan,
        ),
    )
    record.save()
    return plan, messages


def validate(document: XPlanDocument, authority: Authority) -> list[Message]:
    """The portal's findings: checks.py plus the procedure periods of each plan."""
    messages = portal_checks(document, authority, storage_srid())
    for xplan in document.plans:
        _specs, phase_messages = planned_phases(xplan, procedure_kind(xplan))
        messages += phase_messages
    return messages


def write_document(document: XPlanDocument, *, authority: Authority, source: Path,
                   source_name: str, user=None, job: XPlanImportJob | None = None
                   ) -> tuple[list[Plan], list[Message]]:
    """Store every plan of a validated document in one transaction (nothing on failure)."""
    plans, messages = [], []
    with StoredFiles() as stored, transaction.atomic():
        for xplan in document.plans:
            plan, plan_messages = _write_plan(
                xplan, document=document, authority=authority, source=source,
                source_name=source_name, user=user, job=job, stored=stored,
            )
            plans.append(plan)
            messages += plan_messages
    return plans, messages


def _accept_schema_errors(report: dict) -> None:
    """The staff chose to import despite schema errors: they become warnings."""
    schema = [e for e in report["errors"] if e["code"] == SCHEMA_ERROR]
    report["errors"] = [e for e in report["errors"] if e["code"] != SCHEMA_ERROR]
    report["warnings"] += [e | {"level": "warning"} for e in schema]


def import_xplan(path: Path | str, *, authority: Authority, dry_run: bool = False, user=None,
                 source_name: str | None = None, resource_dir: Path | None = None,
                 job: XPlanImportJob | None = None, accept_schema_errors: bool = False) -> dict:
    """Import the plans of an XPlanGML file or XPlanArchiv for `authority`; see the module.

    `source_name` is the file's name as the user knows it (default: the path's name);
    `resource_dir` a directory the caller vouches for whose files a loose .gml may reference
    (scans, documents). A 6.0 file that violates the XPlanung schema is refused (its schema
    errors are listed) unless `accept_schema_errors`, which lists them as warnings. Never
    raises for bad input: the report says what was wrong.
    """
    path = Path(path)
    name = source_name or path.name
    with tempfile.TemporaryDirectory(prefix="xplan-import-") as tmp:
        try:
            document = read_document(path, work_dir=Path(tmp), resource_dir=resource_dir,
                                     source_name=name)
        except InputError as exc:
            return _failure(name, exc)
        report = build_import_report(document)
        if accept_schema_errors:
            _accept_schema_errors(report)
        for facts in report["plans"]:
            facts["id"] = facts["uid"] = None
        _add_messages(report, validate(document, authority))
        if report["errors"] or dry_run:
            return report
        plans, messages = write_document(document, authority=authority, source=path,
                                         source_name=name, user=user, job=job)
    for facts, plan in zip(report["plans"], plans, strict=True):
        facts["id"], facts["uid"] = plan.pk, str(plan.uid)
    _add_messages(report, messages)
    logger.info("XPlanGML %s imported for %s: plans %s", name, authority.slug,
                [p.pk for p in plans])
    return report
