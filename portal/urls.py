from django.urls import path

from .embedding import staff as embed_staff
from .views import procedures, public, staff, staff_invitation, staff_members

app_name = "portal"

urlpatterns = [
    path("behoerden/", public.authority_directory, name="authority-directory"),
    path("staff/", staff.staff_home, name="staff-home"),
    path("staff/authorities/<int:pk>/", staff.authority_detail, name="staff-authority"),
    path(
        "staff/authorities/<int:pk>/settings/",
        staff.authority_settings,
        name="staff-authority-settings",
    ),
    # The one overview of all procedures ("verfahren" is a reserved slug).
    path("verfahren/", procedures.procedure_overview, name="procedure-overview"),
    path("<slug:authority_slug>/verfahren/", procedures.procedure_overview,
         name="authority-procedure-overview"),
    path(
        "staff/authorities/<int:pk>/einbetten/",
        embed_staff.embed_snippets,
        name="staff-authority-embed",
    ),
    # Staff administration of an authority (docs/staff-admin.md).
    path("staff/authorities/<int:pk>/mitglieder/", staff_members.members,
         name="staff-authority-members"),
    path("staff/authorities/<int:pk>/mitglieder/einladen/", staff_members.invite,
         name="staff-authority-invite"),
    path("staff/authorities/<int:pk>/mitglieder/<int:membership_pk>/rolle/",
         staff_members.change_role, name="staff-authority-member-role"),
    path("staff/authorities/<int:pk>/mitglieder/<int:membership_pk>/entfernen/",
         staff_members.remove_member, name="staff-authority-member-remove"),
    path("staff/authorities/<int:pk>/einladungen/<int:staff_invitation_pk>/zurueckziehen/",
         staff_members.revoke_invitation, name="staff-authority-invitation-revoke"),
    path("staff/authorities/<int:pk>/protokoll/", staff_members.audit_log,
         name="staff-authority-audit-log"),
    path("staff/einladung/<str:token>/", staff_invitation.accept_invitation,
         name="staff-invitation"),
    # Last: the first path segment is an authority's address (see slugs.RESERVED_SLUGS).
    path("<slug:authority_slug>/", public.authority_home, name="authority-home"),
]
