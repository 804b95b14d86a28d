from .feature import Feature
from .layer import IngestStatus, Layer, LayerKind

__all__ = ["Feature", "IngestStatus", "Layer", "LayerKind"]
