"""Import of authorities from official boundary files (VG250/VG5000 and the like).

All-or-nothing: every feature is read, checked and compared first; only a file without errors
is written, in one transaction. Re-running with the same file changes nothing.
"""

from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.srid import storage_srid
from gis.vector_files import read_vector_file

from .. import keys
from ..models import Authority, AuthorityKind
from ..slugs import RESERVED_SLUGS, german_slugify

#: Geometries that differ by less than this (metres, storage SRID) count as unchanged.
GEOMETRY_TOLERANCE_M = 0.01


@dataclass
class AuthorityImportReport:
    file: str
    kind: str
    source_crs: str = ""
    features: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        data = asdict(self)
        data["ok"] = self.ok
        return data


class AuthorityImportFailed(Exception):
    def __init__(self, report: AuthorityImportReport) -> None:
        super().__init__("; ".join(e["message"] for e in report.errors[:5]))
        self.report = report


@dataclass
class _Row:
    index: int
    name: str
    ags: str | None
    ars: str | None
    geometry: object


def _district_keys(raw: str | None) -> str | None:
    """A Kreis key of 5 digits becomes the 12-digit ARS of the district."""
    if raw and raw.isdigit() and len(raw) == 5:
        return raw + "0000000"
    return raw


def _read_rows(path, report, kind, name_field, ags_field, ars_field) -> list[_Row]:
    required = tuple(f for f in (name_field, ags_field, ars_field) if f)
    layer = read_vector_file(
        Path(path), target_srid=storage_srid(), required_fields=required, polygons_only=True
    )
    report.source_crs = layer.source_crs
    report.features = len(layer.features)
    rows = []
    for feature in layer.features:
        attrs = feature.attributes
        name = str(attrs.get(name_field) or "").strip()
        ars = keys.normalise_ars(attrs.get(ars_field)) if ars_field else None
        if kind == AuthorityKind.DISTRICT:
            ars = _district_keys(ars)
        ags = keys.normalise_ags(attrs.get(ags_field)) if ags_field else None
        if ags is None and ars and len(ars) == 12:
            ags = keys.ags_from_ars(ars)
        if feature.repair is not None:
            report.repaired.append(
                {"feature": feature.index, "name": name, "ags": ags, "reason": feature.repair.reason}
            )
        rows.append(_Row(feature.index, name, ags, ars, feature.geometry))
    return rows


def _check_rows(rows: list[_Row], report: AuthorityImportReport,
                land_key: str | None = None) -> None:
    seen_ags: dict[str, int] = {}
    seen_ars: dict[str, int] = {}
    for row in rows:
        def error(message, row=row):
            report.errors.append({"feature": row.index, "ags": row.ags, "message": message})

        if not row.name:
            error(_("The feature has no name."))
        if not row.ags:
            error(_("The feature has no AGS (and no 12-digit ARS to derive it from)."))
            continue
        for validator, value in ((keys.validate_ags, row.ags), (keys.validate_ars, row.ars)):
            if value is None:
                continue
            try:
                validator(value)
            except ValidationError as exc:
                error(exc.messages[0])
        try:
            keys.validate_keys_match(row.ags, row.ars)
        except ValidationError as exc:
            error(exc.messages[0])
        if land_key and not row.ags.startswith(land_key):
            error(_("The AGS %(ags)s is not in the Land with the key %(land)s: only authorities "
                    "of your own Land can be imported.") % {"ags": row.ags, "land": land_key})
        if row.ags in seen_ags:
            error(
                _("The AGS %(ags)s occurs twice in the file (features %(first)d and %(second)d).")
                % {"ags": row.ags, "first": seen_ags[row.ags], "second": row.index}
            )
        seen_ags.setdefault(row.ags, row.index)
        if row.ars:
            if row.ars in seen_ars:
                error(
                    _("The ARS %(ars)s occurs twice in the file (features %(first)d and %(second)d).")
                    % {"ars": row.ars, "first": seen_ars[row.ars], "second": row.index}
                )
            seen_ars.setdefault(row.ars, row.index)


def _unique_slug(name: str, ags: str, taken: set[str]) -> str:
    slug = german_slugify(name)
    if slug in taken or slug in RESERVED_SLUGS:
        slug = f"{slug}-{ags}"
    taken.add(slug)
    return slug


def _apply(rows, report, kind, parent) -> None:
    existing = {a.ags: a for a in Authority.objects.filter(ags__in=[r.ags for r in rows])}
    taken_slugs = set(Authority.objects.values_list("slug", flat=True))
    for row in rows:
        authority = existing.get(row.ags)
        values = {"name": row.name, "ars": row.ars, "kind": kind}
        if parent is not None:
            values["parent"] = parent
        if authority is None:
            authority = Authority(
                ags=row.ags,
                slug=_unique_slug(row.name, row.ags, taken_slugs),
                jurisdiction=row.geometry,
                **values,
            )
            report.created += 1
        else:
            changed = any(getattr(authority, k) != v for k, v in values.items())
            same_geometry = authority.jurisdiction is not None and authority.jurisdiction.equals_exact(
                row.geometry, GEOMETRY_TOLERANCE_M
            )
            if not changed and same_geometry:
                report.unchanged += 1
                continue
            for key, value in values.items():
                setattr(authority, key, value)
            if not same_geometry:
                authority.jurisdiction = row.geometry
            report.updated += 1
        try:
            authority.full_clean()
        except ValidationError as exc:
            report.errors.append(
                {"feature": row.index, "ags": row.ags, "message": "; ".join(exc.messages)}
            )
            continue
        authority.save()


def import_authorities(
    *,
    path: str | Path,
    kind: str,
    parent_slug: str | None = None,
    name_field: str = "GEN",
    ags_field: str | None = "AGS",
    ars_field: str | None = "ARS",
    dry_run: bool = False,
    land_key: str | None = None,
) -> AuthorityImportReport:
    """Create or update authorities (by AGS) from a boundary file; all or nothing.

    With `land_key` (a state partner's import), a feature whose AGS is not in that Land is an
    error, so a partner never creates or changes another Land's authorities.

    Raises AuthorityImportFailed (with the report) when anything is wrong; nothing is written
    then. With dry_run the report is computed and the transaction rolled back.
    """
    report = AuthorityImportReport(file=str(path), kind=kind, dry_run=dry_run)
    if kind not in AuthorityKind.values:
        report.errors.append(
            {"feature": None, "ags": None,
             "message": _("Unknown kind “%(kind)s”; use one of %(kinds)s.")
             % {"kind": kind, "kinds": ", ".join(AuthorityKind.values)}}
        )
        raise AuthorityImportFailed(report)
    parent = None
    if parent_slug:
        parent = Authority.objects.filter(slug=parent_slug).first()
        if parent is not None and land_key and not (parent.ags or "").startswith(land_key):
            parent = None  # another Land's authority is not there for a partner
        if parent is None:
            report.errors.append(
                {"feature": None, "ags": None,
                 "message": _("There is no authority with the address “%(slug)s”.") % {"slug": parent_slug}}
            )
            raise AuthorityImportFailed(report)
    try:
        rows = _read_rows(path, report, kind, name_field, ags_field, ars_field)
    except InputError as exc:
        report.errors.append({"feature": None, "ags": None, "message": str(exc)})
        raise AuthorityImportFailed(report) from exc
    _check_rows(rows, report, land_key)
    if report.errors:
        raise AuthorityImportFailed(report)
    with transaction.atomic():
        _apply(rows, report, kind, parent)
        if report.errors:
            transaction.set_rollback(True)
            raise AuthorityImportFailed(report)
        if dry_run:
            transaction.set_rollback(True)
    return report
