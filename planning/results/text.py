"""Small text helpers shared by the e-mails, the letters and the public page."""

import unicodedata

from django.utils.translation import gettext as _

from ..maps.objects import describe_feature

EXCERPT_CHARS = 600


def one_line(text, limit: int = 200) -> str:
    """A single line without control characters (CR/LF, NUL …): safe for mail headers and
    for the one-line fields of a letter."""
    cleaned = "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(text or ""))
    return " ".join(cleaned.split())[:limit]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip() + " …"


def section_label(order: int) -> str:
    return _("Section %(number)s") % {"number": order}


def part_labels(result) -> list[str]:
    """Labels of the weighed parts that carry no text of the statement: "Section n" for
    sections; the statement itself and a group need no label (one part)."""
    statement = result.statement
    if statement.group_id or len(result.parts) <= 1:
        return [""] * len(result.parts)
    return [section_label(i) for i in range(1, len(result.parts) + 1)]


def _mentions(text: str, statement) -> bool:
    """True if `text` repeats an identifier of the submitter (name, street, e-mail)."""
    lowered = text.casefold()
    needles = [statement.name, statement.street, statement.email, statement.organisation]
    if statement.postcode and statement.street:
        needles.append(statement.postcode)
    return any(n and len(n.strip()) >= 3 and n.strip().casefold() in lowered for n in needles)


def location_words(statement, *, public: bool) -> str:
    """Where the statement is about, in words.

    For the public (result page, API) only what the system knows: the kind of place marked on
    the map, the plan object, the document and section. The submitter's own description of the
    place is free text (it often is the home address), so it is shown publicly only when the
    statement was approved for public display and the text repeats no identifier of the
    submitter.
    """
    from ..models import ModerationState

    parts = []
    if statement.location is not None:
        kind = {"Point": _("point"), "LineString": _("line"), "Polygon": _("area"),
                "MultiPolygon": _("area")}.get(statement.location.geom_type, _("place"))
        parts.append(_("%(kind)s marked on the map") % {"kind": kind})
    if statement.plan_feature_id and statement.plan_feature is not None:
        feature = statement.plan_feature
        parts.append(_("plan object: %(label)s") % {"label": describe_feature(feature)})
    if statement.document_id and statement.document is not None:
        section = one_line(statement.document_section, 200)
        if public and _mentions(section, statement):
            section = ""
        section = f", {section}" if section else ""
        parts.append(_("document: %(title)s") % {"title": statement.document.title} + section)
    text = one_line(statement.location_text, 200)
    if text and (not public or (statement.moderation == ModerationState.APPROVED
                                and not _mentions(text, statement))):
        parts.append(text)
    return "; ".join(parts)
