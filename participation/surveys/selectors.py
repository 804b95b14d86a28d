"""Reads: public (authority active, module on, survey open) and staff (scoped to the user's
authorities with the module on: a foreign survey is not found)."""

from django.http import Http404

from portal.models import Authority
from portal.tenancy import scoped_to_staff

from .apps import MODULE_CODE
from .models import Survey


def authority_with_module(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug, is_active=True).first()
    if authority is None or not authority.has_module(MODULE_CODE):
        raise Http404
    return authority


def public_survey(authority, uid) -> Survey:
    survey = Survey.objects.filter(authority=authority, uid=uid).select_related(
        "procedure").first()
    if survey is None or not survey.is_open():
        raise Http404
    return survey


def published_survey(authority, uid) -> Survey:
    """A survey whose results the authority published; 404 before."""
    survey = Survey.objects.filter(authority=authority, uid=uid,
                                   results_published_at__isnull=False).first()
    if survey is None:
        raise Http404
    return survey


def published_survey_by_uid(uid) -> Survey | None:
    """For the API: published results of an active authority with the module on."""
    survey = (Survey.objects.filter(uid=uid, results_published_at__isnull=False,
                                    authority__is_active=True)
              .select_related("authority").first())
    if survey is None or not survey.authority.has_module(MODULE_CODE):
        return None
    return survey


def published_surveys(authority) -> list[Survey]:
    return list(Survey.objects.filter(authority=authority, results_published_at__isnull=False)
                .order_by("-results_published_at"))


def open_surveys(authority) -> list[Survey]:
    return [s for s in Survey.objects.filter(authority=authority).select_related("procedure")
            if s.is_open()]


def staff_authorities(user) -> list[Authority]:
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user)
            if a.has_module(MODULE_CODE)]


def staff_survey(user, uid) -> Survey:
    authorities = staff_authorities(user)
    survey = (Survey.objects.filter(authority__in=authorities, uid=uid)
              .select_related("authority", "procedure").first())
    if survey is None:
        raise Http404
    return survey
