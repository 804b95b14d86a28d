"""The privacy notice of a procedure (or of a module without procedures): generated from what
it collects (collection.py), the authority's profile and retention rules; published in
versions that never change (models.NoticeVersion).

Services:
- `generate(scope, legal_basis=None, language=…)`: the text the portal can write, in one
  language.
- `publish(scope, text_de=…, text_en=…, legal_basis=…, user=…)`: the next version; the number
  is taken under a lock on the procedure (or authority) row, so two publishers get two
  numbers; earlier versions stay as they were.
- `current(scope)`: the newest published version or None.
- `record_acceptance(contribution, version)`: idempotent (one per contribution).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from portal import modules
from portal.models import Authority, Procedure

from . import collection
from .models import LegalBasis, NoticeAcceptance, NoticeVersion
from .retention import effective_rules

MAX_TEXT = 50_000
#: Modules without procedures: their notice is the authority's, one per module.
MODULE_NOTICES = ("incidents",)


@dataclass(frozen=True)
class Scope:
    """A procedure's notice, or a module's notice of an authority (procedure None)."""

    authority: Authority
    procedure: Procedure | None
    module: str

    @classmethod
    def of_procedure(cls, procedure) -> "Scope":
        return cls(procedure.authority, procedure, collection.module_of(procedure))

    @classmethod
    def of_module(cls, authority, module: str) -> "Scope":
        return cls(authority, None, module)

    @property
    def title(self) -> str:
        if self.procedure is not None:
            return self.procedure.title
        module = modules.get(self.module)
        return str(module.name) if module else self.module

    def versions(self):
        found = NoticeVersion.objects.filter(authority=self.authority)
        if self.procedure is not None:
            return found.filter(procedure=self.procedure)
        return found.filter(procedure__isnull=True, module=self.module)

    def describe(self):
        return collection.describe(authority=self.authority, procedure=self.procedure,
                                   module=self.module)


def current(scope: Scope) -> NoticeVersion | None:
    return scope.versions().order_by("-number").first()


def _retention_lines(authority, codes) -> list[str]:
    rules = {rule.data_type.code: rule for rule in effective_rules(authority)}
    lines = []
    for code in codes:
        rule = rules.get(code)
        if rule is None:
            continue
        if rule.is_active:
            lines.append(_("%(type)s: %(months)s months %(starts)s, then %(action)s.") % {
                "type": rule.data_type.label, "months": rule.months,
                "starts": rule.data_type.starts, "action": rule.data_type.action})
        else:
            lines.append(_("%(type)s: kept until the authority deletes them (no automatic "
                           "deletion).") % {"type": rule.data_type.label})
    return lines


def _legal_basis_lines(found, legal_basis: str) -> list[str]:
    if legal_basis == LegalBasis.PUBLIC_TASK:
        norms = ", ".join(found.legal_norms)
        if norms:
            return [_("Art. 6(1)(e) GDPR (a task in the public interest) in conjunction with "
                      "%(norms)s.") % {"norms": norms}]
        return [_("Art. 6(1)(e) GDPR (a task in the public interest) in conjunction with the "
                  "law that assigns the task to the authority.")]
    return [_("Art. 6(1)(a) GDPR: your consent. Taking part is voluntary. You may withdraw "
              "your consent at any time with effect for the future, by e-mail to the "
              "authority; what was processed before stays lawful.")]


def _section(title: str, lines: list[str]) -> str:
    return "\n".join([f"{title}", *[f"- {line}" for line in lines]])


def generate(scope: Scope, *, legal_basis: str | None = None,
             language: str | None = None) -> str:
    """The notice the portal can write from the settings, in `language` (default: active)."""
    with translation.override(language or translation.get_language()):
        return _generate(scope, legal_basis)


def proposed_legal_basis(scope: Scope) -> str:
    found = scope.describe()
    return found.legal_basis if found else LegalBasis.CONSENT


def _generate(scope: Scope, legal_basis: str | None) -> str:
    authority = scope.authority
    found = scope.describe()
    if found is None:
        return _("No module describes what this procedure collects. Write the notice by hand.")
    legal_basis = legal_basis or found.legal_basis
    controller = ", ".join(part for part in (
        authority.name, " ".join(authority.contact_address.split()), authority.contact_email,
        authority.contact_phone) if part)
    dpo = ", ".join(part for part in (authority.dpo_name, authority.dpo_email) if part) \
        or _("[MISSING: enter the data protection officer in the authority's settings]")
    parts = [
        _("Privacy notice: %(title)s") % {"title": scope.title},
        _section(_("1. Controller"), [controller]),
        _section(_("2. Data protection officer"), [dpo]),
    ]
    purpose_lines = [str(found.purpose)]
    purpose_lines += [str(detail) for detail in found.details]
    parts.append(_section(_("3. Purpose of the processing"), purpose_lines))
    if found.personal_data:
        data_lines = [str(item) for item in found.data]
        if collection.GEOLOCATION in found.flags:
            data_lines.append(_("Places are stored as you mark them on the map; the portal "
                                "does not read your device's location on its own."))
        if collection.PHOTOS in found.flags:
            data_lines.append(_("Photos are re-encoded without their metadata (e.g. GPS "
                                "position, camera)."))
        if collection.FREE_TEXT in found.flags:
            data_lines.append(_("Please write no health data, religious or political views or "
                                "other special categories of personal data (Art. 9 GDPR) into "
                                "free text unless it is needed for your concern."))
        if collection.NAMED in found.flags:
            data_lines.append(_("Your name and postal address are required in this "
                                "procedure."))
        elif collection.OPTIONAL_NAME in found.flags:
            data_lines.append(_("You may take part without giving your name."))
        parts.append(_section(_("4. Data collected"), data_lines))
    else:
        parts.append(_section(_("4. Data collected"), [
            _("No personal data is collected: the answers are stored without your name, "
              "account or address and cannot be traced back to you."),
            *[str(item) for item in found.data]]))
    parts.append(_section(_("5. Legal basis"), _legal_basis_lines(found, legal_basis)))
    parts.append(_section(_("6. Recipients"), [str(item) for item in found.recipients]
                          + [_("The portal is operated for the authority as a processor "
                               "(Art. 28 GDPR); data is not transferred to third countries.")]))
    retention = _retention_lines(authority, found.retention_types)
    if not retention:
        retention = [_("The data is deleted as soon as it is no longer needed for the "
                       "purpose.")]
    parts.append(_section(_("7. Retention"), retention))
    parts.append(_section(_("8. Your rights"), [
        _("access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction "
          "(Art. 18), data portability (Art. 20) and objection (Art. 21 GDPR)"),
        _("Write to the controller or the data protection officer named above.")]))
    parts.append(_section(_("9. Supervisory authority"), [
        _("You may lodge a complaint with a data protection supervisory authority (Art. 77 "
          "GDPR), in particular the one of the federal state where the authority is "
          "located.")]))
    return "\n\n".join(str(part) for part in parts)


def generate_both(scope: Scope, legal_basis: str | None = None) -> tuple[str, str]:
    return (generate(scope, legal_basis=legal_basis, language="de"),
            generate(scope, legal_basis=legal_basis, language="en"))


def publish(scope: Scope, *, text_de: str, text_en: str, legal_basis: str,
            user=None) -> NoticeVersion:
    text_de, text_en = text_de.strip(), text_en.strip()
    errors = {}
    for name, text in (("text_de", text_de), ("text_en", text_en)):
        if not text:
            errors[name] = _("Enter the text of the notice.")
        elif len(text) > MAX_TEXT:
            errors[name] = _("The text is too long (at most %(max)d characters).") % {
                "max": MAX_TEXT}
    if legal_basis not in LegalBasis.values:
        errors["legal_basis"] = _("Choose a legal basis.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if scope.procedure is not None:
            Procedure.objects.select_for_update().filter(pk=scope.procedure.pk).first()
        else:
            Authority.objects.select_for_update().filter(pk=scope.authority.pk).first()
        number = (scope.versions().aggregate(last=Max("number"))["last"] or 0) + 1
        version = NoticeVersion(authority=scope.authority, procedure=scope.procedure,
                                module=scope.module, number=number, legal_basis=legal_basis,
                                text_de=text_de, text_en=text_en, published_by=user)
        version.full_clean()
        version.save()
    return version


def record_acceptance(contribution, version: NoticeVersion) -> NoticeAcceptance:
    content_type = ContentType.objects.get_for_model(contribution)
    acceptance, _created = NoticeAcceptance.objects.get_or_create(
        content_type=content_type, object_id=str(contribution.pk),
        defaults={"version": version})
    return acceptance


def accepted_version(contribution) -> NoticeVersion | None:
    found = NoticeAcceptance.objects.filter(
        content_type=ContentType.objects.get_for_model(contribution),
        object_id=str(contribution.pk)).select_related("version").first()
    return found.version if found else None


class Provider:
    """What portal.privacy_notices asks (registered in apps.py)."""

    @staticmethod
    def current_for_procedure(procedure):
        # One query: a procedure's versions are its authority's (no need to load either).
        return NoticeVersion.objects.filter(procedure=procedure).order_by("-number").first()

    @staticmethod
    def current_for_module(authority, module):
        return current(Scope.of_module(authority, module))

    @staticmethod
    def record_acceptance(contribution, version):
        record_acceptance(contribution, version)
