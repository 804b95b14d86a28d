"""GET /tiles/layersets/{z}/{x}/{y}.pbf?layers=<uid>,<uid>…: several vector layers, one tile.

Every layer must be readable by the user (gis/access.py), else the whole request answers 404,
as a single unknown layer does. The ETag is built from each layer's uid and version, so a
changed layer invalidates the combined tiles it is part of.
"""

import uuid

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..access import can_read_layer
from ..models import IngestStatus, Layer, LayerKind
from ..tiles.caching import conditional_response, make_etag
from ..tiles.grid import Tile
from ..tiles.layer_set import encode_layer_set
from .layers import MVT_CONTENT_TYPE

MAX_LAYERS = 50


def _requested_uids(value: str) -> list[uuid.UUID]:
    parts = [part for part in value.split(",") if part]
    if not parts or len(parts) > MAX_LAYERS:
        raise Http404(_("Name between 1 and %(max)d layers.") % {"max": MAX_LAYERS})
    try:
        return list(dict.fromkeys(uuid.UUID(part) for part in parts))
    except ValueError as exc:
        raise Http404(_("Unknown layer.")) from exc


@require_GET
def layer_set_tile(request, z, x, y):
    try:
        tile = Tile.checked(int(z), int(x), int(y))
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    uids = _requested_uids(request.GET.get("layers", ""))
    found = {layer.uid: layer for layer in Layer.objects.filter(
        uid__in=uids, kind=LayerKind.VECTOR, status=IngestStatus.DONE)}
    layers = [found.get(uid) for uid in uids]
    if any(layer is None or not can_read_layer(request.user, layer) for layer in layers):
        raise Http404(_("Unknown layer."))

    def build():
        data = encode_layer_set(layers, tile)
        return HttpResponse(data, content_type=MVT_CONTENT_TYPE, status=200 if data else 204)

    return conditional_response(
        request,
        etag=make_etag("mvt-set", *[f"{layer.uid}:{layer.version}" for layer in layers], z, x, y),
        last_modified=max(layer.updated_at for layer in layers), build=build, max_age=300,
        public=all(layer.is_public for layer in layers),
    )
