"""Routes of the statement API under /api/ (namespace "api")."""

from django.urls import path

from . import public_statements, statements

urlpatterns = [
    path("statements/", public_statements.PublicStatementListView.as_view(), name="statement-list"),
    path("staff/statements/", statements.StaffStatementListView.as_view(),
         name="staff-statement-list"),
    path("staff/statements/<uuid:uid>/", statements.StaffStatementDetailView.as_view(),
         name="staff-statement-detail"),
]
