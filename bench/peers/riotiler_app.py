"""The raster peer of bench/raster_tiles.py: XYZ PNG tiles of one COG with rio-tiler.

Runs only in its own venv (var/peers/riotiler, bench/peers/requirements-riotiler.txt), whose
rasterio wheel brings its own GDAL and PROJ; it never imports the portal. Served by
    var/peers/riotiler/bin/uvicorn riotiler_app:app --workers 2   (cwd bench/peers)
with RIOTILER_COG=/path/to/file.tif. GET /{z}/{x}/{y}.png answers the tile as RGBA PNG (the
mask as alpha, as the portal's tiles), 204 outside the image. The file is opened per request,
as TiTiler does; PNG zlib level 1 like the portal's tiles (gis/raster/tiles.py).
"""

import os

from rio_tiler.errors import TileOutsideBounds
from rio_tiler.io import Reader
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

COG = os.environ["RIOTILER_COG"]


def tile(request):
    z, x, y = (int(request.path_params[key]) for key in ("z", "x", "y"))
    try:
        with Reader(COG) as cog:
            image = cog.tile(x, y, z, tilesize=256)
    except TileOutsideBounds:
        return Response(status_code=204)
    return Response(image.render(img_format="PNG", add_mask=True, zlevel=1),
                    media_type="image/png")


app = Starlette(routes=[Route("/{z:int}/{x:int}/{y:int}.png", tile)])
