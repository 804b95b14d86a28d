"""The record of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30(1)
GDPR) of an authority, generated from its modules, procedures and their settings, plus what
only the authority can say (ProcessingRecord: controller, DPO, further recipients, measures).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from planning.models import Agency, StatementSettings
from planning.services.participation_settings import defaults_for
from portal import modules
from portal.models import Procedure

from . import collection
from .models import LegalBasis, ProcessingRecord
from .retention import effective_rules


@dataclass
class Activity:
    title: str
    purpose: str
    legal_basis: str
    persons: str
    data: str
    recipients: str
    retention: str
    details: list[str] = field(default_factory=list)


@dataclass
class Record:
    authority: object
    controller: str
    dpo: str
    recipients: str
    security_measures: str
    notes: str
    activities: list[Activity]


def _retention_text(authority) -> dict[str, str]:
    texts = {}
    for rule in effective_rules(authority):
        if rule.is_active:
            texts[rule.data_type.code] = _("%(months)s months %(starts)s, then %(action)s") % {
                "months": rule.months, "starts": rule.data_type.starts,
                "action": rule.data_type.action}
        else:
            texts[rule.data_type.code] = _("no automatic deletion")
    return texts


def _procedure_details(authority) -> list[str]:
    details = []
    settings_by_phase = {s.phase_id: s for s in StatementSettings.objects.filter(
        phase__procedure__authority=authority)}
    defaults = defaults_for(authority)  # for phases without settings of their own
    for procedure in Procedure.objects.filter(authority=authority).prefetch_related("phases"):
        for phase in procedure.phases.all():
            settings = settings_by_phase.get(phase.pk) or defaults
            identity = settings.get_identity_display()
            parts = [f"{procedure.title} – {phase.display_title} "
                     f"({phase.start_date:%d.%m.%Y}–{phase.end_date:%d.%m.%Y})",
                     _("identity: %(mode)s") % {"mode": identity}]
            if settings.allow_cosigning:
                parts.append(_("co-signing allowed"))
            if settings.display_publicly:
                parts.append(_("statements displayed publicly after moderation"))
            details.append("; ".join(str(part) for part in parts))
    return details


def _described_activity(module, described, retention) -> Activity:
    """A module's activity from what it collects (collection.py): per procedure its notice
    may choose another legal basis; the record names the module's proposal."""
    basis = str(LegalBasis(described.legal_basis).label)
    if described.legal_norms:
        basis = f"{basis}; {', '.join(described.legal_norms)}"
    kept = [retention[code] for code in described.retention_types if code in retention]
    return Activity(
        title=str(module.name) if module else str(described.module_name),
        purpose=str(described.purpose), legal_basis=basis, persons=_("participants"),
        data="; ".join(str(item) for item in described.data),
        recipients="; ".join(str(item) for item in described.recipients),
        retention="; ".join(kept) or _("see the retention rules"))


def build_record(authority) -> Record:
    saved = ProcessingRecord.objects.filter(authority=authority).first() or ProcessingRecord()
    controller = saved.controller or "\n".join(
        part for part in (authority.name, authority.contact_address, authority.contact_email)
        if part)
    dpo = saved.dpo_contact or "\n".join(
        part for part in (authority.dpo_name, authority.dpo_email) if part) \
        or _("not given: enter the data protection officer in the authority's settings")
    retention = _retention_text(authority)
    staff = _("the authority's staff in charge of the procedure")
    activities = []
    has_planning = authority.has_module("bauleitplanung") or \
        Procedure.objects.filter(authority=authority).exists()
    if has_planning:
        activities.append(Activity(
            title=_("Statements in land-use planning procedures"),
            purpose=_("Participation of the public and weighing of the statements in the "
                      "preparation of land-use plans; notification of the result."),
            legal_basis=_("Art. 6(1)(c) and (e) GDPR with §§ 3, 4a and 10 BauGB"),
            persons=_("members of the public who submit statements"),
            data=_("name, postal address, e-mail address (where given), text of the "
                   "statement, location, attachments"),
            recipients=staff + "; " + _("the municipal council (anonymised)"),
            retention=retention["statement_submitters"] + "; " + _("attachments: ")
            + retention["statement_attachments"],
            details=_procedure_details(authority)))
        activities.append(Activity(
            title=_("Co-signing of publicly displayed statements"),
            purpose=_("Showing support for a statement; notification of the result."),
            legal_basis=_("Art. 6(1)(a) GDPR (consent)"),
            persons=_("co-signers"), data=_("name, postcode, e-mail address"),
            recipients=staff, retention=retention["cosigners"]))
    if Agency.objects.filter(authority=authority).exists() or has_planning:
        activities.append(Activity(
            title=_("Participation of public agencies"),
            purpose=_("Invitation of public agencies and weighing of their statements."),
            legal_basis=_("Art. 6(1)(e) GDPR with § 4 BauGB"),
            persons=_("contact persons of public agencies"),
            data=_("name and e-mail address of the contact person"),
            recipients=staff, retention=retention["agency_contacts"],
            details=[agency.name for agency in Agency.objects.filter(authority=authority)]))
    activities.append(Activity(
        title=_("Staff accounts and access log"),
        purpose=_("Access control and accountability for personal data (Art. 5(2) GDPR)."),
        legal_basis=_("Art. 6(1)(c) and (e) GDPR"),
        persons=_("the authority's staff"),
        data=_("user name, e-mail address, role, accesses to personal data"),
        recipients=_("the authority's administrators"), retention=retention["access_log"]))
    for code in authority.enabled_modules or []:
        module = modules.get(code)
        described = (collection.describe(authority=authority, module=code)
                     if code != "bauleitplanung" else None)
        if described is not None:
            activities.append(_described_activity(module, described, retention))
        elif module is not None and code != "bauleitplanung":
            activities.append(Activity(
                title=str(module.name), purpose=str(module.description),
                legal_basis=_("as configured in the module's procedures"),
                persons=_("participants"), data=_("as configured in the module's procedures"),
                recipients=staff, retention=_("see the retention rules")))
    return Record(authority=authority, controller=controller, dpo=dpo,
                  recipients=saved.recipients, security_measures=saved.security_measures,
                  notes=saved.notes, activities=activities)


def activity_rows(activity: Activity) -> list[tuple[str, str]]:
    return [(_("Purpose"), activity.purpose), (_("Legal basis"), activity.legal_basis),
            (_("Categories of data subjects"), activity.persons),
            (_("Categories of personal data"), activity.data),
            (_("Recipients"), activity.recipients), (_("Retention"), activity.retention)]
