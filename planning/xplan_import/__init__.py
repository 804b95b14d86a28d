"""Importing XPlanGML into the portal's tables, and exporting plans as XPlanGML 6.0.

    from planning.xplan_import import import_xplan, export_plan_gml, export_plan_archive

    report = import_xplan(path, authority=authority)          # the report JSON, ids filled in
    data = export_plan_gml(plan)                              # XPlanGML 6.0 bytes
    archive = export_plan_archive(plan)                       # XPlanArchiv zip bytes

The reader and writer are planning.xplanung (no database); this package turns their dataclasses
into rows and back. See docs/xplanung.md, "Import into the portal" and "Export".

The public names are loaded lazily: the sandboxed reader (sandboxed_read.py) runs in a child
process without Django apps and must be importable without the models.
"""

__all__ = ["export_plan_archive", "export_plan_gml", "import_xplan"]


def __getattr__(name: str):
    if name == "import_xplan":
        from .service import import_xplan

        return import_xplan
    if name in ("export_plan_gml", "export_plan_archive"):
        from . import export

        return getattr(export, name)
    raise AttributeError(name)
