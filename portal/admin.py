"""Staff area: the Django admin, scoped to the user's authorities for non-superusers."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.gis.gdal import GDALException
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletAdminWidget, LeafletGeoAdmin

from .admin_forms import MembershipByEmailForm
from .models import Authority, Membership, Role
from .tenancy import scoped_to_staff, staff_authority_ids

admin.site.site_header = _("Beteiligungsportal – staff area")
admin.site.site_title = _("Beteiligungsportal")
admin.site.index_title = _("Administration")


class TenantScopedAdminMixin:
    """Limit the changelist, change views, bulk actions and FK choices to the user's authorities.

    Objects outside the scope are not found (404 on their change page), so ids of other
    tenants reveal nothing.
    """

    tenant_roles_to_view = None  # any role
    tenant_roles_to_change = {Role.ADMIN}

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's admin redirects to its index for a missing object; a foreign id must look
        # exactly like a non-existent one: 404.
        raise Http404

    def get_queryset(self, request):
        return scoped_to_staff(super().get_queryset(request), request.user, self.tenant_roles_to_view)

    def _in_change_scope(self, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        if obj is None:
            return bool(staff_authority_ids(request.user, self.tenant_roles_to_change))
        authority_id = obj.pk if isinstance(obj, Authority) else obj.authority_id
        return authority_id in staff_authority_ids(request.user, self.tenant_roles_to_change)

    def view_on_site(self, obj):
        # A direct link: Django's /admin/r/ shortcut is for superusers only (admin_shortcut.py).
        url = getattr(obj, "get_absolute_url", None)
        return url() if url else None

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and (
            request.user.is_superuser or bool(staff_authority_ids(request.user))
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request) and self._in_change_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Authority and not request.user.is_superuser:
            kwargs["queryset"] = Authority.objects.for_staff(request.user, self.tenant_roles_to_change)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site,
                                                      using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete looks the submitted value up as it is when it re-renders a refused
    form: a non-numeric or oversized id ended in a server error. Only ids the form field accepts
    are looked up."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._acceptable(v)], attr)

    def _acceptable(self, value) -> bool:
        try:
            self.choices.field.to_python(value)
        except (ValidationError, OverflowError):
            return False
        return True


class SafeLeafletAdminWidget(LeafletAdminWidget):
    """Django's geometry widget catches GEOS errors but not GDAL's: a refused form with
    malformed GeoJSON in the map field ended in a server error while re-rendering."""

    def deserialize(self, value):
        try:
            return super().deserialize(value)
        except GDALException:
            return None


class BoundedJSONFormField(forms.JSONField):
    """Django's JSON form field catches decoding errors but not the RecursionError of deeply
    nested input: refused as invalid JSON instead of a server error."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except RecursionError:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": "…"}) from None

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return forms.fields.InvalidJSONInput(data)


class PortalUserAdmin(UserAdmin):
    """Django's history page looks the account up before it checks the permission: 403 for an
    existing id and a redirect for a missing one told any staff user which account ids exist.
    Without the permission to see accounts it is 403 for every id."""

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PortalUserAdmin)


class MembershipInline(admin.TabularInline):
    """Superusers pick any account; authority admins see their own people and add new ones on
    the membership page by exact e-mail address (admin_forms.py)."""

    model = Membership
    extra = 0

    def get_autocomplete_fields(self, request):
        return ["user"] if request.user.is_superuser else []

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["user"]

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Authority)
class AuthorityAdmin(TenantScopedAdminMixin, LeafletGeoAdmin):
    widget = SafeLeafletAdminWidget
    formfield_overrides = {models.JSONField: {"form_class": BoundedJSONFormField}}
    list_display = ["name", "kind", "ags", "ars", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "ags", "ars", "slug"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "parent", "is_active"]}),
        (_("Official keys"), {"fields": ["ags", "ars"]}),
        (_("Jurisdiction"), {"fields": ["jurisdiction"]}),
        (_("Branding and modules"), {"fields": ["logo", "colour", "enabled_modules"]}),
        (
            _("Contact and data protection"),
            {"fields": ["contact_email", "contact_phone", "contact_address", "website",
                        "dpo_name", "dpo_email"]},
        ),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Keys, kind and hierarchy belong to the state operator.
            fields += ["slug", "kind", "parent", "ags", "ars", "is_active"]
        return fields

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(Membership)
class MembershipAdmin(TenantScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "authority", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "authority__name"]

    def get_autocomplete_fields(self, request):
        # The user autocomplete searches all accounts: superusers only.
        return ["user", "authority"] if request.user.is_superuser else ["authority"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser:
            fields.append("user")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = MembershipByEmailForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return ["account_email", "authority", "role"]
        return super().get_fields(request, obj)

    def has_add_permission(self, request):
        return self._in_change_scope(request, None)

    def has_delete_permission(self, request, obj=None):
        return self._in_change_scope(request, obj) if obj else self._in_change_scope(request, None)
