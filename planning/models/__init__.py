from .document import PlanDocument
from .plan import Plan
from .plan_layer import PlanLayer

__all__ = ["Plan", "PlanDocument", "PlanLayer"]
