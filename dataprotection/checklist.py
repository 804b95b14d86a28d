"""The checklist a procedure's staff works through before it opens, and the warnings the
portal derives from what the procedure collects (collection.py).

Items are ticked off by a person at a time (models.ChecklistTick); an item that needs a
precondition (the notice published without gaps) cannot be ticked before. Warnings are
derived on every view and never stored.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import collection as c
from .models import ChecklistTick, RetentionRule
from .notice import Scope, current

MISSING_MARKERS = ("[MISSING", "[FEHLT")


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    hint: str
    tick: ChecklistTick | None

    @property
    def done(self) -> bool:
        return self.tick is not None


@dataclass(frozen=True)
class Checklist:
    scope: Scope
    items: list[Item]
    warnings: list[str]
    notice_version: object

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def is_complete(self) -> bool:
        return self.done_count == len(self.items)


def notice_gaps(version) -> bool:
    return version is None or any(marker in text for marker in MISSING_MARKERS
                                  for text in (version.text_de, version.text_en))


def _item_texts(found, version, legal_basis_label) -> list[tuple[str, str, str]]:
    texts = [
        ("notice", _("The privacy notice is complete and published"),
         (_("Published: version %(number)s.") % {"number": version.number}) if version
         else _("No version is published yet.")),
        ("retention", _("The retention periods are chosen"),
         _("Check the authority's retention rules for the data of this procedure.")),
        ("legal_basis", _("The legal basis is right for this procedure"),
         (_("The published notice names: %(basis)s.") % {"basis": legal_basis_label})
         if version else _("Choose it when you publish the notice.")),
    ]
    if found is None or found.flags & {c.FREE_TEXT, c.PHOTOS, c.ATTACHMENTS}:
        texts.append((
            "dpo_informed", _("The data protection officer is informed"),
            _("Free text, photos or attachments may contain special categories of personal "
              "data (Art. 9 GDPR), e.g. about health.")))
    return texts


def warnings_for(scope: Scope, found) -> list[str]:
    authority = scope.authority
    warnings = []
    if found is None:
        return [_("No module describes what this procedure collects: write the notice and "
                  "check the data by hand.")]
    saved = set(RetentionRule.objects.filter(
        authority=authority, data_type__in=found.retention_types).values_list(
        "data_type", flat=True))
    if c.NAMED in found.flags and found.retention_types and not saved:
        warnings.append(_("Names and addresses are required, but the authority has chosen no "
                          "retention rule for them: only the default applies."))
    if c.PHOTOS in found.flags:
        warnings.append(_("Participants may upload photos: they may show people, faces or "
                          "number plates."))
    if c.ATTACHMENTS in found.flags:
        warnings.append(_("Participants may upload attachments: scanned letters or photos "
                          "with personal data of others."))
    if c.PUBLIC_DISPLAY in found.flags:
        warnings.append(_("Contributions are displayed publicly: participants must not be "
                          "identifiable from what is shown, and the notice must say so."))
    if not (authority.dpo_name or authority.dpo_email):
        warnings.append(_("The authority's profile names no data protection officer."))
    return warnings


def build(procedure) -> Checklist:
    from .models import LegalBasis

    scope = Scope.of_procedure(procedure)
    found = scope.describe()
    version = current(scope)
    ticks = {tick.item: tick for tick in ChecklistTick.objects.filter(
        procedure=procedure).select_related("ticked_by")}
    basis = LegalBasis(version.legal_basis).label if version else ""
    items = [Item(code, label, hint, ticks.get(code))
             for code, label, hint in _item_texts(found, version, basis)]
    return Checklist(scope=scope, items=items, warnings=warnings_for(scope, found),
                     notice_version=version)


def tick(procedure, *, item: str, user) -> ChecklistTick:
    checklist = build(procedure)
    codes = {entry.code for entry in checklist.items}
    if item not in codes:
        raise ValidationError(_("This item is not on the checklist of the procedure."))
    if item in ("notice", "legal_basis") and notice_gaps(checklist.notice_version):
        raise ValidationError(_("Publish the privacy notice without gaps first (it still "
                                "lacks a part marked MISSING, or no version is published)."))
    try:
        with transaction.atomic():
            return ChecklistTick.objects.create(procedure=procedure, item=item, ticked_by=user)
    except IntegrityError:  # ticked already (twice in a row, or by a colleague)
        return ChecklistTick.objects.get(procedure=procedure, item=item)


def untick(procedure, *, item: str) -> None:
    ChecklistTick.objects.filter(procedure=procedure, item=item).delete()
