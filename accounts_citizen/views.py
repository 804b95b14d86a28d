"""The citizen's own pages under /konto/: profile, notifications, contributions, deletion."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from planning.models import Statement
from planning.statements.receipts import render_receipt

from . import selectors
from .forms import DeleteAccountForm, NotificationForm, ProfileForm
from .roles import is_staff_account
from .services.deletion import delete_citizen_account
from .services.profile import profile_for


def citizen_required(view):
    """Signed in (else to the citizen sign-in) and a citizen (staff: 404)."""

    @login_required(login_url="account_login")
    def wrapper(request, *args, **kwargs):
        if is_staff_account(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return never_cache(wrapper)


@citizen_required
def contributions(request):
    return render(request, "accounts_citizen/contributions.html",
                  {"rows": selectors.contributions_of(request.user)})


@citizen_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_citizen:profile")
    return render(request, "accounts_citizen/profile.html", {"form": form},
                  status=400 if form.is_bound else 200)


@citizen_required
def notifications(request):
    form = NotificationForm(request.POST or None, instance=profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("accounts_citizen:notifications")
    return render(request, "accounts_citizen/notifications.html", {"form": form},
                  status=400 if form.is_bound else 200)


@citizen_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_citizen_account(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render(request, "accounts_citizen/delete.html", {"form": form},
                  status=400 if form.is_bound else 200)


@citizen_required
def statement_receipt(request, statement_uid):
    """The receipt PDF of one of the citizen's own statements (also after signing in anew)."""
    if not selectors.owns_contribution(request.user, kind="statement", object_uid=statement_uid):
        raise Http404
    statement = get_object_or_404(Statement.objects.select_related("plan", "phase", "authority"),
                                  uid=statement_uid)
    response = HttpResponse(render_receipt(statement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="Eingangsbestaetigung-{statement.reference}.pdf"')
    return response
