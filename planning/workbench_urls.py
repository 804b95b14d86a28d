"""The weighing workbench, mounted at /staff/abwaegung/."""

from django.urls import path

from .views.workbench import lists, text_blocks, weigh

app_name = "planning_workbench"

urlpatterns = [
    path("", lists.overview, name="overview"),
    path("textbausteine/", text_blocks.text_blocks, name="text-blocks"),
    path("textbausteine/<int:pk>/loeschen/", text_blocks.delete_text_block,
         name="text-block-delete"),
    path("stellungnahme/<uuid:statement_uid>/", weigh.statement_page, name="statement"),
    path("stellungnahme/<uuid:statement_uid>/aufteilen/", weigh.split, name="split"),
    path("stellungnahme/<uuid:statement_uid>/notiz/", weigh.add_note, name="note"),
    path("stellungnahme/<uuid:statement_uid>/gruppe-verlassen/", weigh.leave_group,
         name="leave-group"),
    path("abschnitt/<int:section_pk>/", weigh.section_decide, name="section"),
    path("gruppe/<int:group_pk>/", weigh.group_page, name="group"),
    path("<uuid:plan_uid>/", lists.plan_statements, name="plan"),
    path("<uuid:plan_uid>/gleiche-texte/", lists.group_identical, name="group-identical"),
    path("<uuid:plan_uid>/vorschlaege/", weigh.suggestions, name="suggestions"),
]
