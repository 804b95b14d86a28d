from django.urls import path, register_converter

from .views import layer_sets, layers


class SignedIntConverter:
    regex = "[0-9]{1,8}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(SignedIntConverter, "tileint")

urlpatterns = [
    path("tiles/layersets/<tileint:z>/<tileint:x>/<tileint:y>.pbf", layer_sets.layer_set_tile,
         name="layer-set-tile"),
    path("tiles/layers/<uuid:uid>/<tileint:z>/<tileint:x>/<tileint:y>.pbf", layers.vector_tile,
         name="layer-vector-tile"),
    path("tiles/layers/<uuid:uid>/<tileint:z>/<tileint:x>/<tileint:y>.png", layers.raster_tile,
         name="layer-raster-tile"),
    path("api/layers/<uuid:uid>/features.geojson", layers.layer_geojson, name="layer-geojson"),
]
