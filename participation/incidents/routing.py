"""Which authority is responsible for a place: routing by jurisdiction.

Rules (docs/incidents.md "Routing"):
- Candidates are the active authorities whose jurisdiction *intersects* the point (so a point
  exactly on a shared border has candidates on both sides) and which have the module enabled.
- A report of a category goes to the category's authority, if it is a candidate; otherwise it
  is refused with a message that names the authorities responsible there (or says that the
  place lies outside the portal's area). A category of a district therefore takes reports in
  all its municipalities, a municipality's category only inside the municipality.
- Without a category (state-wide "where is it?"), the most local candidate wins:
  municipality, then district, then other bodies, then the state; on a shared border between
  two of the same kind the one with the lower official key (AGS), then the lower id. Exactly
  one authority, always.
"""

from django.utils.translation import gettext as _

from portal.models import Authority, AuthorityKind

from .apps import MODULE_CODE
from .errors import NotResponsible

_KIND_ORDER = {AuthorityKind.MUNICIPALITY: 0, AuthorityKind.DISTRICT: 1,
               AuthorityKind.OTHER: 2, AuthorityKind.STATE: 3}


def _sort_key(authority: Authority):
    return (_KIND_ORDER.get(authority.kind, 9), authority.ags or "~", authority.pk)


def authorities_at(point) -> list[Authority]:
    """Active authorities whose jurisdiction intersects `point`, most local first."""
    found = Authority.objects.filter(is_active=True, jurisdiction__intersects=point).only(
        "pk", "name", "slug", "kind", "ags", "enabled_modules", "contact_email",
        "contact_phone", "website",
    )
    return sorted(found, key=_sort_key)


def handling_authorities_at(point) -> list[Authority]:
    return [a for a in authorities_at(point) if a.has_module(MODULE_CODE)]


def responsible_authority(point) -> Authority:
    """The one authority that takes reports at `point`; NotResponsible otherwise."""
    handling = handling_authorities_at(point)
    if handling:
        return handling[0]
    raise NotResponsible(_not_here_message(point))


def check_category_at(category, point) -> None:
    """Refuse unless the category's authority is responsible at `point`."""
    candidates = authorities_at(point)
    if any(a.pk == category.authority_id and a.has_module(MODULE_CODE) for a in candidates):
        return
    raise NotResponsible(_not_here_message(point, asked=category.authority, candidates=candidates))


def _not_here_message(point, *, asked=None, candidates=None) -> str:
    candidates = authorities_at(point) if candidates is None else candidates
    if not candidates:
        return _("No authority of this portal is responsible for this place: it lies outside "
                 "the portal's area. Please contact the municipality there directly.")
    handling = [a for a in candidates if a.has_module(MODULE_CODE)]
    named = ", ".join(a.name for a in (handling or candidates))
    if asked is not None:
        if handling:
            return _("This place is not in the area of %(asked)s. Responsible there: "
                     "%(others)s – please report it there.") % {"asked": asked.name,
                                                                 "others": named}
        return _("This place is not in the area of %(asked)s. Responsible there: %(others)s; "
                 "they do not take incident reports through this portal – please contact "
                 "them directly.") % {"asked": asked.name, "others": named}
    return _("Responsible for this place: %(others)s; they do not take incident reports "
             "through this portal – please contact them directly.") % {"others": named}
