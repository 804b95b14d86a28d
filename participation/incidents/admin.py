"""Categories, their extra questions and response templates in the admin, scoped to the user's
authorities like the portal's own admin (a foreign one is a 404)."""

from django.contrib import admin
from django.db import models

from portal.admin import BoundedJSONFormField, TenantScopedAdminMixin

from .models import CategoryQuestion, IncidentCategory, ResponseTemplate


class QuestionInline(admin.TabularInline):
    model = CategoryQuestion
    extra = 0
    formfield_overrides = {models.JSONField: {"form_class": BoundedJSONFormField}}

    def _parent_may_change(self, request, obj) -> bool:
        parent = self.admin_site._registry[IncidentCategory]
        return parent.has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._parent_may_change(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._parent_may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent_may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._parent_may_change(request, obj)


class _ScopedAdmin(TenantScopedAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return self._in_change_scope(request, None)

    def has_delete_permission(self, request, obj=None):
        return self._in_change_scope(request, obj)


@admin.register(IncidentCategory)
class IncidentCategoryAdmin(_ScopedAdmin):
    list_display = ["name", "service_code", "authority", "is_active", "due_days"]
    list_filter = ["is_active"]
    search_fields = ["name", "service_code"]
    inlines = [QuestionInline]

    def has_delete_permission(self, request, obj=None):
        # Reports keep their category (PROTECT): switch a category off instead.
        return request.user.is_superuser


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(_ScopedAdmin):
    list_display = ["title", "authority"]
    search_fields = ["title", "text"]
