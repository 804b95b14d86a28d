"""Forms of the staff pages for plans. They validate input; writes go through services."""

from .area import AreaField, AreaMapWidget, read_area_file
from .document import DocumentForm
from .layer import RasterLayerForm, VectorLayerForm
from .phase import PhaseForm
from .plan import PlanForm

__all__ = [
    "AreaField", "AreaMapWidget", "DocumentForm", "PhaseForm", "PlanForm", "RasterLayerForm",
    "VectorLayerForm", "read_area_file",
]
