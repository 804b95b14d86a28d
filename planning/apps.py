from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Bauleitplanung: plans, BauGB procedures and phases, statements, weighing, XPlanung."""

    name = "planning"
    label = "planning"
    verbose_name = _("Land-use planning")

    def ready(self) -> None:
        from gis.access import register_layer_access
        from portal import modules
        from portal import sections as portal_sections

        from . import procedure_listing, procedures, task_recovery
        from .access import staff_may_read_plan_layer
        from .rules import may_create_plans_somewhere
        from .sections import plans_section
        from .weighing import permissions  # noqa: F401  (registers the weighing rules)

        procedures.register()
        procedure_listing.register()
        task_recovery.register()
        register_layer_access(staff_may_read_plan_layer)
        portal_sections.register(
            portal_sections.Section(code="bauleitplanung", order=10, render=plans_section)
        )
        from portal import staff_links

        for link in (
            staff_links.StaffLink("plans", _("Plans of your authorities"), "planning_staff:plan-list", 10),
            staff_links.StaffLink("xplan", _("Import XPlanGML"), "xplan:upload", 20,
                                  is_visible=may_create_plans_somewhere),
            staff_links.StaffLink("statements", _("Statements"),
                                  "planning_statements_staff:list", 30),
            staff_links.StaffLink("weighing", _("Weighing (Abwägung)"),
                                  "planning_workbench:overview", 40),
            staff_links.StaffLink("agencies", _("Public agencies (register and invitations)"),
                                  "planning_agencies:list", 50),
        ):
            staff_links.register(link)
        staff_links.register_authority_link(staff_links.AuthorityLink(
            "participation-defaults", _("Participation defaults"),
            "planning_staff:participation-defaults", 20,
            is_visible=lambda user, authority: user.has_perm("portal.manage_authority",
                                                             authority)))
        modules.register(
            modules.Module(
                code="bauleitplanung",
                name=_("Land-use planning (Bauleitplanung)"),
                description=_("Plans, BauGB participation, statements and weighing."),
            )
        )
        from . import embedding

        embedding.register()  # pages that may be embedded in the authority's website
