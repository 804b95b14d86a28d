"""The partner area under /staff/laender/ (docs/partners.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.services.authority_import import AuthorityImportFailed

from . import access, services
from .forms import AppointForm, AuthorityCreateForm, AuthorityImportForm, StatePartnerForm


def partner_area(view):
    @login_required
    @never_cache
    def wrapper(request, *args, **kwargs):
        if not access.may_open_partner_area(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__, wrapper.__doc__ = view.__name__, view.__doc__
    return wrapper


@partner_area
def home(request):
    """The partners the user administers; for the state operator also founding one."""
    form = None
    if request.user.is_superuser:
        form = StatePartnerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            partner = form.save()
            messages.success(request, _("The state partner “%(name)s” has been created.")
                             % {"name": partner.name})
            return redirect("partners:partner", pk=partner.pk)
    elif request.method == "POST":
        raise Http404
    return render(request, "partners/home.html",
                  {"partners": access.partners_of(request.user), "form": form},
                  status=400 if form is not None and form.is_bound else 200)


@partner_area
def partner(request, pk):
    partner = access.partner_for(request.user, pk)
    return _partner_page(request, partner)


def _partner_page(request, partner, status=200, **forms):
    context = {
        "partner": partner,
        "authorities": access.authorities_of(partner).order_by("ags").prefetch_related(
            "memberships__user"),
        "admins": partner.admins.select_related("user"),
        "import_form": forms.get("import_form") or AuthorityImportForm(),
        "create_form": forms.get("create_form") or AuthorityCreateForm(partner=partner),
        "appoint_form": AppointForm(),
        "report": forms.get("report"),
    }
    if request.user.is_superuser:
        context["partner_admin_form"] = forms.get("partner_admin_form") or AppointForm()
    return render(request, "partners/partner.html", context, status=status)


@partner_area
def import_authorities(request, pk):
    partner = access.partner_for(request.user, pk)
    if request.method != "POST":
        return redirect("partners:partner", pk=pk)
    form = AuthorityImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _partner_page(request, partner, status=400, import_form=form)
    data = form.cleaned_data
    try:
        report = services.import_for_partner(
            partner=partner, upload=data["file"], kind=data["kind"],
            name_field=data["name_field"], ags_field=data["ags_field"],
            ars_field=data["ars_field"], dry_run=data["dry_run"])
    except AuthorityImportFailed as failure:
        for error in failure.report.errors[:20]:
            prefix = _("Feature %(n)d: ") % {"n": error["feature"]} if error["feature"] else ""
            form.add_error("file", prefix + error["message"])
        if len(failure.report.errors) > 20:
            form.add_error("file", _("… and %(n)d more problems.")
                           % {"n": len(failure.report.errors) - 20})
        form.add_error(None, _("Nothing was imported."))
        return _partner_page(request, partner, status=400, import_form=form)
    if report.dry_run:
        messages.info(request, _("The file is in order: %(created)d authorities would be "
                                 "created, %(updated)d updated, %(unchanged)d are unchanged. "
                                 "Nothing was imported.") % vars(report))
    else:
        messages.success(request, _("%(created)d authorities created, %(updated)d updated, "
                                    "%(unchanged)d unchanged.") % vars(report))
    return redirect("partners:partner", pk=pk)


@partner_area
def create_authority(request, pk):
    partner = access.partner_for(request.user, pk)
    if request.method != "POST":
        return redirect("partners:partner", pk=pk)
    form = AuthorityCreateForm(request.POST, partner=partner)
    if not form.is_valid():
        return _partner_page(request, partner, status=400, create_form=form)
    authority = form.save()
    messages.success(request, _("The authority “%(name)s” has been created.")
                     % {"name": authority.name})
    return redirect("partners:partner", pk=pk)


@partner_area
def appoint_authority_admin(request, pk, authority_pk):
    partner = access.partner_for(request.user, pk)
    authority = access.authority_for(partner, authority_pk)
    form = AppointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.appoint_authority_admin(partner=partner, authority=authority,
                                         email=form.cleaned_data["email"], request=request)
        messages.success(request, _("%(email)s is now an administrator of %(name)s; an e-mail "
                                    "has been sent.") % {"email": form.cleaned_data["email"],
                                                         "name": authority.name})
        return redirect("partners:partner", pk=pk)
    return render(request, "partners/appoint.html",
                  {"partner": partner, "authority": authority, "form": form},
                  status=400 if form.is_bound else 200)


@partner_area
def appoint_partner_admin(request, pk):
    if not request.user.is_superuser:
        raise Http404
    partner = access.partner_for(request.user, pk)
    if request.method != "POST":
        return redirect("partners:partner", pk=pk)
    form = AppointForm(request.POST)
    if not form.is_valid():
        return _partner_page(request, partner, status=400, partner_admin_form=form)
    services.appoint_partner_admin(by=request.user, partner=partner,
                                   email=form.cleaned_data["email"], request=request)
    messages.success(request, _("%(email)s now administers %(name)s; an e-mail has been sent.")
                     % {"email": form.cleaned_data["email"], "name": partner.name})
    return redirect("partners:partner", pk=pk)
