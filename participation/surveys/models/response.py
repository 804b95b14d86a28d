"""A response (one per account or invitation code) and its answers."""

import secrets
import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gis.srid import storage_srid


def new_resume_key() -> str:
    return secrets.token_urlsafe(32)


class Response(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE,
                               related_name="responses")
    resume_key = models.CharField(max_length=64, unique=True, default=new_resume_key,
                                  editable=False)
    is_draft = models.BooleanField(_("draft"), default=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="survey_responses")
    token = models.OneToOneField("surveys.SurveyToken", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="response")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "account"],
                                    condition=Q(account__isnull=False),
                                    name="survey_response_once_per_account"),
        ]

    def __str__(self) -> str:
        return str(self.uid)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("surveys.Question", on_delete=models.CASCADE,
                                 related_name="answers")
    value = models.JSONField(default=None, null=True, blank=True)
    geometry = models.GeometryField(srid=storage_srid(), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"],
                                    name="survey_answer_once_per_question"),
        ]
