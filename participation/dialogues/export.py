"""The staff export of a dialogue's comments as CSV (UTF-8 with BOM, semicolons, for German
spreadsheets). Cells a spreadsheet would run as a formula are neutralised (SECURITY.md C8)."""

import csv
import html
import io

import nh3
from django.contrib.gis.db.models.functions import Transform
from django.db.models import Count, Q
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def neutralise(value) -> str:
    """Text of a cell; formula-like text (also after leading blanks) gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def plain_text(sanitised_html: str) -> str:
    """The comment as plain text: links become their text."""
    return html.unescape(nh3.clean(sanitised_html, tags=set()))


def comments_csv(dialogue) -> str:
    comments = (dialogue.comments.select_related("author", "parent")
                .annotate(agree=Count("ratings", filter=Q(ratings__value=1), distinct=True),
                          disagree=Count("ratings", filter=Q(ratings__value=-1), distinct=True),
                          flag_count=Count("flags", distinct=True),
                          wgs84=Transform("location", 4326))
                .order_by("created_at", "pk"))
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_("Comment"), _("Reply to"), _("Written"), _("Status"), _("Topic"),
                     _("Text"), _("Place (WKT, WGS84)"), _("Written by"), _("Agree"),
                     _("Disagree"), _("Flags"), _("Reason shown publicly"),
                     _("Moderator note (internal)")])
    for comment in comments:
        writer.writerow([neutralise(value) for value in (
            comment.uid, comment.parent.uid if comment.parent_id else "",
            comment.created_at.isoformat(timespec="seconds"), comment.get_status_display(),
            comment.topic, plain_text(comment.text),
            comment.wgs84.wkt if comment.wgs84 is not None else "", comment.author_name,
            comment.agree, comment.disagree, comment.flag_count, comment.public_reason,
            comment.moderator_note)])
    return buffer.getvalue()
