"""Official German municipality keys: AGS (8 digits) and ARS (12 digits).

AGS = Land (2) + Regierungsbezirk (1) + Kreis (2) + Gemeinde (3).
ARS = Land (2) + Regierungsbezirk (1) + Kreis (2) + Gemeindeverband (4) + Gemeinde (3).
So the AGS is the ARS without the four Gemeindeverband digits.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_AGS = re.compile(r"^\d{8}$")
_ARS = re.compile(r"^\d{12}$")
LAND_CODES = {f"{n:02d}" for n in range(1, 17)}


def normalise_ags(value: str | int | None) -> str | None:
    """Strip blanks and restore a leading zero lost by a spreadsheet (7 digits -> 8)."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 7:
        text = "0" + text
    return text


def normalise_ars(value: str | int | None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 11:
        text = "0" + text
    return text


def validate_ags(value: str) -> None:
    if not _AGS.match(value or ""):
        raise ValidationError(
            _("The AGS must have exactly 8 digits, “%(value)s” does not.") % {"value": value},
            code="invalid_ags",
        )
    if value[:2] not in LAND_CODES:
        raise ValidationError(
            _("The AGS “%(value)s” does not start with a Land code 01–16.") % {"value": value},
            code="invalid_ags_land",
        )


def validate_ars(value: str) -> None:
    if not _ARS.match(value or ""):
        raise ValidationError(
            _("The ARS must have exactly 12 digits, “%(value)s” does not.") % {"value": value},
            code="invalid_ars",
        )
    if value[:2] not in LAND_CODES:
        raise ValidationError(
            _("The ARS “%(value)s” does not start with a Land code 01–16.") % {"value": value},
            code="invalid_ars_land",
        )


def ags_from_ars(ars: str) -> str:
    return ars[:5] + ars[9:12]


def validate_keys_match(ags: str | None, ars: str | None) -> None:
    if ags and ars and ags_from_ars(ars) != ags:
        raise ValidationError(
            _("AGS %(ags)s and ARS %(ars)s do not belong together (expected AGS %(expected)s).")
            % {"ags": ags, "ars": ars, "expected": ags_from_ars(ars)},
            code="keys_mismatch",
        )
