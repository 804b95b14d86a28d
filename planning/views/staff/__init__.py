"""Staff pages for plans (/staff/plaene/): only staff of the owning authority.

Every object is looked up through portal.tenancy.scoped_to_staff, so another authority's plan,
document, layer or phase is simply not found (404). Read-only roles (moderator, viewer) see the
pages; writes need planning.change_plan (planning/rules.py) and go through the services.
"""
