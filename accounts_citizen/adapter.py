"""django-allauth adapters: citizens land on "My contributions"; staff accounts sign in at
the staff login, not under /konto/."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.requests import RequestSite
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from .roles import is_staff_account


class CitizenAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth's mails greet "from <site name>": the portal's name, not its host name.
        site = RequestSite(self.request)
        site.name = settings.PORTAL_NAME
        return super().send_mail(template_prefix, email, {**context, "current_site": site})

    def get_login_redirect_url(self, request):
        return resolve_url("accounts_citizen:contributions")

    def get_signup_redirect_url(self, request):
        return resolve_url("accounts_citizen:contributions")

    def get_email_verification_redirect_url(self, email_address):
        # Not signed in after confirming: to the citizens' sign-in (LOGIN_URL is the staff's).
        if not self.request.user.is_authenticated:
            return resolve_url("account_login")
        return super().get_email_verification_redirect_url(email_address)

    def pre_login(self, request, user, **kwargs):
        if is_staff_account(user):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            messages.error(request, _("Staff accounts sign in at the staff sign-in."))
            return redirect("login")
        return super().pre_login(request, user, **kwargs)


class CitizenSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Accounts from an OpenID Connect provider are citizens' accounts like any other."""
