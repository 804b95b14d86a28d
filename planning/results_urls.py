"""Result pages: staff (staff/abwaegung/ergebnis/…) and public (<slug>/plaene/<uuid>/ergebnis/).

Included in config/urls.py before the portal's catch-all (/<authority-slug>/).
"""

from django.urls import path

from .views import results_public, results_staff

app_name = "planning_results"

STAFF = "staff/abwaegung/ergebnis/<uuid:plan_uid>/"

urlpatterns = [
    path(STAFF, results_staff.result_status, name="staff"),
    path(STAFF + "freigeben/", results_staff.result_release, name="release"),
    path(STAFF + "veroeffentlichung/", results_staff.result_publication, name="publication"),
    path(STAFF + "briefe.pdf", results_staff.letters_pdf, name="letters"),
    path(STAFF + "briefe/versandt/", results_staff.letters_posted, name="letters-posted"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/ergebnis/", results_public.result_page,
         name="public"),
]
