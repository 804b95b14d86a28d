"""Direction plates as text, one a line: "destination; distance in km; time" (both optional)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PLATES = 20


def parse_plates(text: str) -> list[dict]:
    plates = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) > 3 or not parts[0] or len(parts[0]) > 120:
            raise ValidationError(_("Line %(line)d: write “destination; km; time”.")
                                  % {"line": number})
        distance = None
        if len(parts) > 1 and parts[1]:
            try:
                distance = float(parts[1].replace(",", "."))
            except ValueError as exc:
                raise ValidationError(_("Line %(line)d: the distance must be a number of "
                                        "kilometres.") % {"line": number}) from exc
            if not 0 <= distance < 10_000:
                raise ValidationError(_("Line %(line)d: the distance must be a number of "
                                        "kilometres.") % {"line": number})
        time = parts[2][:20] if len(parts) > 2 else ""
        plates.append({"destination": parts[0], "distance_km": distance, "time": time})
    if len(plates) > MAX_PLATES:
        raise ValidationError(_("At most %(max)d direction plates.") % {"max": MAX_PLATES})
    return plates


def plates_text(plates: list[dict]) -> str:
    lines = []
    for plate in plates or []:
        distance = plate.get("distance_km")
        lines.append("; ".join([str(plate.get("destination", "")),
                                "" if distance is None else f"{distance:g}".replace(".", ","),
                                str(plate.get("time", ""))]).rstrip("; "))
    return "\n".join(lines)
