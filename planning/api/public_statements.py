"""The public statement feed: GET /api/statements/, a GeoJSON FeatureCollection built by the
database (gis/geojson_sql.py), paged by a keyset cursor.

Which statements: approved, with a public text, of published plans of active authorities, in
phases that display statements publicly. What of them: the moderated public text, never a
name, organisation, address, e-mail or the submitted text; places rounded to about 10 m
(public_location.py). Unknown query parameters are refused (400), so no lookup of personal
fields can be smuggled in.

Paging: newest first by id; `page_size` features a page (default DEFAULT_PAGE_SIZE, at most
MAX_PAGE_SIZE); the `next` link carries `cursor`, the id below which the next page starts. One
query a page: no COUNT, no OFFSET, so page 100 costs what page 1 costs.
"""

from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce, NullIf, TruncDate
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from gis.bbox import parse_bbox
from gis.errors import InputError
from gis.geojson_sql import GEOJSON_CONTENT_TYPE, AsJson, UuidText, feature_object, geojson_response
from portal.procedures import registry

from ..models import ModerationState, Statement
from ..services.participation_settings import publicly_displayed
from ..statements.public_location import PUBLIC_LOCATION_DECIMALS

DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10_000
PARAMS = {"plan", "authority", "bbox", "page_size", "cursor", "format"}
#: Largest cursor accepted (a bigint id).
MAX_CURSOR = 2**63 - 1


def public_statements():
    """The statements the public may see (the rules of the module docstring)."""
    return Statement.objects.filter(
        publicly_displayed("phase__"),
        moderation=ModerationState.APPROVED, plan__is_published=True,
        authority__is_active=True,
    ).exclude(public_text="")


def _phase_title():
    """The phase's display title in SQL: its own title, else its kind's name in the request's
    language (Phase.display_title)."""
    names = [When(phase__kind=kind, then=Value(str(name)))
             for kind, name in registry.phase_kind_choices()]
    kind_name = Case(*names, default=F("phase__kind")) if names else F("phase__kind")
    return Coalesce(NullIf(F("phase__title"), Value("")), kind_name)


def public_feature():
    """A public statement as GeoJSON text, with the members the DRF-gis serializer had."""
    return feature_object(
        id=UuidText("uid"), geometry="location", precision=PUBLIC_LOCATION_DECIMALS,
        properties={
            "reference": F("reference"),
            "authority": F("authority__slug"),
            "plan": UuidText("plan__uid"),
            "plan_name": F("plan__name"),
            "phase": _phase_title(),
            "received": TruncDate("received_at"),
            "topics": AsJson("topics"),
            "text": F("public_text"),
        },
    )


def _positive_int(params, name: str, message: str, maximum: int) -> int | None:
    value = params.get(name)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 19 and int(value) > 0):
        raise ValidationError({name: [message]})
    return min(int(value), maximum)


def _filtered(params):
    unknown = sorted(set(params) - PARAMS)
    if unknown:
        if "page" in unknown:
            raise ValidationError({"page": [_("Pages are not numbered; follow the “next” link.")]})
        raise ValidationError({name: [_("Unknown parameter.")] for name in unknown[:10]})
    statements = public_statements()
    if params.get("plan"):
        try:
            statements = statements.filter(plan__uid=serializers.UUIDField().to_internal_value(
                params["plan"]))
        except ValidationError as exc:
            raise ValidationError({"plan": [_("Not a plan id.")]}) from exc
    if params.get("authority"):
        statements = statements.filter(authority__slug=params["authority"][:80])
    if "bbox" in params:
        try:
            statements = statements.filter(location__intersects=parse_bbox(params["bbox"]))
        except InputError as exc:
            raise ValidationError({"bbox": [exc.message]}) from exc
    cursor = _positive_int(params, "cursor", _("Not a cursor from a “next” link."), MAX_CURSOR)
    if cursor is not None:
        statements = statements.filter(pk__lt=cursor)
    return statements


class PublicStatementListView(APIView):
    """Approved statements of published plans (anonymised), as GeoJSON in WGS84."""

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", OpenApiTypes.UUID, description="uid of a published plan"),
            OpenApiParameter("authority", OpenApiTypes.STR, description="slug of the authority"),
            OpenApiParameter("bbox", OpenApiTypes.STR,
                             description="minLon,minLat,maxLon,maxLat (WGS84): statements "
                                         "whose place intersects the rectangle"),
            OpenApiParameter("page_size", OpenApiTypes.INT,
                             description=f"features a page, default {DEFAULT_PAGE_SIZE}, "
                                         f"at most {MAX_PAGE_SIZE}"),
            OpenApiParameter("cursor", OpenApiTypes.INT,
                             description="where the next page starts; take it from `next`"),
        ],
        responses={(200, GEOJSON_CONTENT_TYPE): OpenApiResponse(
            OpenApiTypes.OBJECT,
            description="FeatureCollection; properties: reference, authority, plan, plan_name, "
                        "phase, received, topics, text. Members: name, numberReturned, next, "
                        "links (OGC API rel=next) and a Link header.")},
    )
    def get(self, request, *args, **kwargs):
        params = request.query_params
        page_size = _positive_int(params, "page_size", _("The page size must be a whole number of at least 1."),
                                  MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
        rows = list(
            _filtered(params).order_by("-pk").annotate(feature=public_feature())
            .values_list("pk", "feature")[:page_size + 1]
        )
        next_url = None
        if len(rows) > page_size:
            rows = rows[:page_size]
            next_url = replace_query_param(request.build_absolute_uri(), "cursor", rows[-1][0])
        links = [{"rel": "self", "type": GEOJSON_CONTENT_TYPE,
                  "href": request.build_absolute_uri()}]
        if next_url:
            links.append({"rel": "next", "type": GEOJSON_CONTENT_TYPE, "href": next_url})
        response = geojson_response(
            (feature for _pk, feature in rows),
            {"name": "statements", "numberReturned": len(rows), "next": next_url,
             "links": links},
        )
        if next_url:
            response["Link"] = f'<{next_url}>; rel="next"; type="{GEOJSON_CONTENT_TYPE}"'
        return response
