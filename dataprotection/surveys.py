"""Personal data of surveys (participation.surveys) after the survey closed (its procedure's
last phase ended): the invitation codes (a code may have been mailed to one address, its
label may name a person) and the link of responses to citizen accounts and to codes. The
answers stay (the result); unfinished drafts are deleted, they are no result."""

from django.db import transaction
from django.db.models import Q

from . import data_types


def _surveys_closed(authority, cutoff):
    from participation.surveys.models import Survey

    return Survey.objects.filter(
        authority=authority,
        procedure__in=data_types.ended_procedures(authority, cutoff))


def _tokens_due(authority, cutoff):
    from participation.surveys.models import SurveyToken

    return SurveyToken.objects.filter(survey__in=_surveys_closed(authority, cutoff))


def _responses_due(authority, cutoff):
    from participation.surveys.models import Response

    return Response.objects.filter(survey__in=_surveys_closed(authority, cutoff)).filter(
        Q(is_draft=True) | Q(account__isnull=False))


def delete_tokens(tokens) -> int:
    from participation.surveys.models import SurveyToken

    pks = list(tokens.values_list("pk", flat=True))
    with transaction.atomic():
        SurveyToken.objects.filter(pk__in=pks).delete()  # responses keep, unlinked (SET_NULL)
    return len(pks)


def anonymise_responses(responses) -> int:
    from participation.surveys.models import Response

    pks = list(responses.values_list("pk", flat=True))
    with transaction.atomic():
        drafts = Response.objects.filter(pk__in=pks, is_draft=True)
        drafts.delete()
        Response.objects.filter(pk__in=pks).update(account=None, token=None)
    return len(pks)


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    after_closing = _("after the survey closed (its last phase ended)")
    data_types.register(data_types.DataType(
        "survey_tokens", _("Invitation codes of surveys"), 3, after_closing,
        _("deleted; the answers stay"), _tokens_due, delete_tokens, order=80))
    data_types.register(data_types.DataType(
        "survey_responses", _("Survey responses: link to citizen accounts and unfinished "
                              "drafts"), 3, after_closing,
        _("the link to the account is removed and drafts are deleted; submitted answers stay"),
        _responses_due, anonymise_responses, order=85))
