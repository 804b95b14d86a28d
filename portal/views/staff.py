"""Staff pages of the portal shell (tenant admins configure their authority here)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import modules, staff_links
from ..admin_access import may_open_administration
from ..embedding.origins import parse_origins
from ..models import Authority
from ..models.membership import Role
from ..services import audit
from ..tenancy import role_in


@login_required
def staff_home(request):
    authorities = Authority.objects.for_staff(request.user).order_by("name")
    links = staff_links.staff_links(request.user)
    return render(request, "portal/staff/home.html", {
        "authorities": authorities,
        "staff_links": links,
        "links_without_authority": [link for link in links if link.without_authority],
        "may_open_administration": may_open_administration(request),
    })


def _role_label(role: str | None) -> str:
    """The role as the user reads it ("Planer"), never its code ("planner")."""
    return str(Role(role).label) if role in Role.values else ""


@login_required
def authority_detail(request, pk):
    authority = get_object_or_404(Authority.objects.for_staff(request.user), pk=pk)
    return render(
        request,
        "portal/staff/authority_detail.html",
        {
            "authority": authority,
            "role": _role_label(role_in(request.user, authority)),
            "memberships": authority.memberships.select_related("user").order_by("role"),
            "can_manage": request.user.has_perm("portal.manage_authority", authority),
            "authority_links": staff_links.authority_links(request.user, authority),
        },
    )


class AuthoritySettingsForm(forms.ModelForm):
    enabled_modules = forms.MultipleChoiceField(
        label=gettext_lazy("Enabled modules"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Authority
        fields = [
            "colour", "enabled_modules", "contact_email", "contact_phone", "contact_address",
            "website", "dpo_name", "dpo_email", "embed_origins",
        ]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"}),
                   "embed_origins": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"})}

    def clean_embed_origins(self):
        # Stored normalised (https://www.musterstadt.de), one per line.
        return "\n".join(parse_origins(self.cleaned_data.get("embed_origins", "")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled_modules"].choices = modules.module_choices()


@login_required
def authority_settings(request, pk):
    authority = get_object_or_404(
        Authority.objects.for_staff(request.user, roles={Role.ADMIN}), pk=pk
    )
    if not request.user.has_perm("portal.manage_authority", authority):
        raise PermissionDenied
    form = AuthoritySettingsForm(request.POST or None, instance=authority)
    before = audit.values_of(authority, form.fields)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record_authority_form(authority=authority, actor=request.user, form=form,
                                        before=before)
        messages.success(request, _("The settings were saved."))
        return redirect("portal:staff-authority", pk=authority.pk)
    return render(
        request, "portal/staff/authority_settings.html", {"authority": authority, "form": form}
    )
