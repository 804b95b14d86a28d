"""The organisation pages under /konto/organisationen/: a citizen's organisations, founding
one, its members and invitations, its contributions and its agencies' invitations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planning.models import AgencyInvitation

from . import selectors
from .models import OrganisationMember, OrganisationRole
from .organisation_forms import InviteMemberForm, LinkAgencyForm, MemberRoleForm, OrganisationForm
from .services import organisations as service
from .views import citizen_required


def _member_of(request, pk) -> OrganisationMember:
    """The signed-in citizen's membership of organisation `pk`; 404 for everyone else."""
    member = (OrganisationMember.objects.select_related("organisation")
              .filter(user=request.user, organisation_id=pk).first())
    if member is None:
        raise Http404
    return member


@citizen_required
def organisation_list(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = service.found_organisation(user=request.user, **form.cleaned_data)
        messages.success(request, _("The organisation “%(name)s” has been created. You are its "
                                    "administrator.") % {"name": organisation.name})
        return redirect("accounts_citizen:organisation", pk=organisation.pk)
    memberships = (OrganisationMember.objects.filter(user=request.user)
                   .select_related("organisation").order_by("organisation__name"))
    return render(request, "accounts_citizen/organisations.html",
                  {"memberships": memberships, "form": form},
                  status=400 if form.is_bound else 200)


@citizen_required
def organisation_detail(request, pk):
    member = _member_of(request, pk)
    organisation = member.organisation
    is_admin = member.role == "admin"
    agencies = list(organisation.agency_links.select_related("agency__authority"))
    invitations = (AgencyInvitation.objects
                   .filter(agency__in=[link.agency_id for link in agencies],
                           state__in=["invited", "answered"])
                   .select_related("agency", "phase__procedure").order_by("-phase__end_date"))
    context = {
        "organisation": organisation, "member": member, "is_admin": is_admin,
        "members": organisation.members.select_related("user").order_by("joined_at", "pk"),
        "rows": selectors.contributions_of_organisation(organisation),
        "agencies": agencies, "invitations": invitations,
    }
    if is_admin:
        context["invite_form"] = InviteMemberForm()
        context["agency_form"] = LinkAgencyForm(
            agencies=service.claimable_agencies(request.user, organisation))
        context["roles"] = OrganisationRole.choices
    return render(request, "accounts_citizen/organisation.html", context)


def _refuse(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@citizen_required
@require_POST
def organisation_invite(request, pk):
    organisation = _member_of(request, pk).organisation
    form = InviteMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid e-mail address."))
    else:
        try:
            service.invite_member(by=request.user, organisation=organisation,
                                  email=form.cleaned_data["email"], request=request)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("An invitation has been sent to %(email)s.")
                         % {"email": form.cleaned_data["email"]})
    return redirect("accounts_citizen:organisation", pk=organisation.pk)


@citizen_required
@require_POST
def organisation_member(request, pk):
    """Change a member's role or remove them (administrators); leave (any member)."""
    own = _member_of(request, pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a member and a role."))
        return redirect("accounts_citizen:organisation", pk=pk)
    target = own.organisation.members.filter(pk=form.cleaned_data["member"]).first()
    if target is None:
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            leaving = target.pk == own.pk
            service.remove_member(by=request.user, member=target)
            if leaving:
                messages.success(request, _("You have left the organisation."))
                return redirect("accounts_citizen:organisations")
            messages.success(request, _("The member has been removed."))
        else:
            service.set_role(by=request.user, member=target, role=form.cleaned_data["role"])
            messages.success(request, _("The role has been changed."))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        _refuse(request, exc)
    return redirect("accounts_citizen:organisation", pk=pk)


@citizen_required
@require_POST
def organisation_link_agency(request, pk):
    organisation = _member_of(request, pk).organisation
    agencies = service.claimable_agencies(request.user, organisation)
    form = LinkAgencyForm(request.POST, agencies=agencies)
    if not form.is_valid():
        messages.error(request, _("This public agency cannot be linked: none of its contact "
                                  "addresses is a confirmed address of your account."))
        return redirect("accounts_citizen:organisation", pk=pk)
    try:
        link = service.link_agency(by=request.user, organisation=organisation,
                                   agency_id=form.cleaned_data["agency"])
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("“%(agency)s” is now linked to the organisation.")
                         % {"agency": link.agency.name})
    return redirect("accounts_citizen:organisation", pk=pk)


@citizen_required
def organisation_join(request, token):
    try:
        invitation = service.read_invitation(token)
    except ValidationError as exc:
        return render(request, "accounts_citizen/organisation_join.html",
                      {"error": exc.messages[0]}, status=400)
    if request.method == "POST":
        try:
            organisation = service.accept_invitation(user=request.user, token=token)
        except ValidationError as exc:
            return render(request, "accounts_citizen/organisation_join.html",
                          {"error": exc.messages[0], "organisation": invitation.organisation},
                          status=400)
        messages.success(request, _("You are now a member of “%(name)s”.")
                         % {"name": organisation.name})
        return redirect("accounts_citizen:organisation", pk=organisation.pk)
    return render(request, "accounts_citizen/organisation_join.html",
                  {"organisation": invitation.organisation})
