"""The describers of the modules that existed before the registry (dataprotection/collection.py):
planning statements, dialogues, surveys, incident reports. Registered from this app's ready()
while the module is installed; a module may take its describer over."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from . import collection as c
from .models import LegalBasis

STAFF = _("the authority's staff in charge of the procedure")


def describe_planning(authority, procedure) -> c.Collection:
    from planning.models import StatementSettings
    from planning.models.participation_settings import IdentityMode
    from planning.services.participation_settings import defaults_for

    phases = list(procedure.phases.all()) if procedure is not None else []
    settings = {s.phase_id: s for s in StatementSettings.objects.filter(
        phase__in=[phase.pk for phase in phases])}
    defaults = defaults_for(authority)  # for phases without settings of their own
    flags = {c.EMAIL, c.ATTACHMENTS, c.GEOLOCATION, c.FREE_TEXT}
    norms, details = [], []
    for phase in phases:
        definition = phase.kind_definition
        if definition is not None and definition.legal_basis:
            norm = str(definition.legal_basis)
            if norm not in norms:
                norms.append(norm)
        phase_settings = settings.get(phase.pk) or defaults
        if definition is not None and definition.audience != "agencies":
            if phase_settings.identity == IdentityMode.NAMED:
                flags.add(c.NAMED)
            else:
                flags.add(c.OPTIONAL_NAME)
        if phase_settings.display_publicly:
            flags.add(c.PUBLIC_DISPLAY)
        details.append(f"{phase.display_title} ({phase.start_date:%d.%m.%Y}–"
                       f"{phase.end_date:%d.%m.%Y})")
    if not norms:
        norms = ["§ 3 BauGB"]
    data = [_("the text of your statement and the place it refers to"),
            _("your name and postal address (%(required)s)") % {
                "required": _("required") if c.NAMED in flags else _("optional")},
            _("your e-mail address, if you give it (for the receipt and the result)"),
            _("attachments you upload (e.g. photos, letters)"),
            _("the time your statement was received")]
    recipients = [STAFF, _("the municipal council (without your name and address)")]
    if c.PUBLIC_DISPLAY in flags:
        recipients.append(_("the public: the statement text without your name after moderation"))
    return c.Collection(
        module_name=_("Statements in land-use planning"),
        purpose=_("Participation of the public in the preparation of the land-use plan, the "
                  "weighing of the statements (Abwägung) and telling you the result."),
        data=data, legal_basis=LegalBasis.PUBLIC_TASK, legal_norms=norms,
        recipients=recipients,
        retention_types=["statement_submitters", "statement_attachments"],
        flags=flags, details=details)


def describe_dialogue(authority, procedure) -> c.Collection:
    return c.Collection(
        module_name=_("Dialogue"),
        purpose=_("An informal dialogue: your comments, replies and ratings on the "
                  "authority's text and map, and a summary of the results."),
        data=[_("your comment and, if you mark one, a place on the map"),
              _("your name as shown with the comment, or your citizen account"),
              _("your e-mail address, if you give it")],
        legal_basis=LegalBasis.CONSENT,
        recipients=[STAFF, _("the public: comments are shown on the dialogue page")],
        flags={c.OPTIONAL_NAME, c.EMAIL, c.GEOLOCATION, c.FREE_TEXT, c.PUBLIC_DISPLAY,
               c.ACCOUNT})


def describe_survey(authority, procedure) -> c.Collection:
    from participation.surveys.models import Survey
    from participation.surveys.models.question import MAP_TYPES, QuestionType
    from participation.surveys.models.survey import ParticipationMode

    survey = Survey.objects.filter(procedure=procedure).first() if procedure else None
    types = set(survey.questions.values_list("type", flat=True)) if survey else set()
    mode = survey.participation if survey else ParticipationMode.ANONYMOUS
    flags = set()
    data = [_("your answers to the questions")]
    if types & set(MAP_TYPES):
        flags.add(c.GEOLOCATION)
        data.append(_("the places, lines or areas you draw on the map"))
    if QuestionType.TEXT in types:
        flags.add(c.FREE_TEXT)
    if mode == ParticipationMode.ACCOUNT:
        flags.add(c.ACCOUNT)
        data.append(_("the link to your citizen account (so you answer once)"))
    elif mode == ParticipationMode.TOKEN:
        flags.add(c.INVITATION_CODE)
        data.append(_("the invitation code you used (so each code answers once)"))
    return c.Collection(
        module_name=_("Survey"),
        purpose=_("A survey: evaluating the answers and publishing the results as "
                  "statistics."),
        data=data, legal_basis=LegalBasis.CONSENT, recipients=[STAFF],
        retention_types=["survey_tokens", "survey_responses"], flags=flags,
        personal_data=mode != ParticipationMode.ANONYMOUS or QuestionType.TEXT in types)


def describe_incidents(authority, procedure) -> c.Collection:
    return c.Collection(
        module_name=_("Incident reports"),
        purpose=_("Dealing with the problem you report at a place and telling you the "
                  "answer."),
        data=[_("the place and description of the problem"),
              _("photos you upload"),
              _("your name, e-mail address and phone number, if you give them")],
        legal_basis=LegalBasis.PUBLIC_TASK,
        recipients=[_("the authority's staff who deal with the report"),
                    _("the public: the report with its place and photos, without your name")],
        retention_types=["incident_reporters", "incident_photos", "incident_supporters"],
        flags={c.OPTIONAL_NAME, c.EMAIL, c.PHONE, c.PHOTOS, c.GEOLOCATION, c.FREE_TEXT,
               c.PUBLIC_DISPLAY})


def register() -> None:
    c.register("bauleitplanung", describe_planning)
    if apps.is_installed("participation.dialogues"):
        c.register("dialogues", describe_dialogue)
    if apps.is_installed("participation.surveys"):
        c.register("surveys", describe_survey)
    if apps.is_installed("participation.incidents"):
        c.register("incidents", describe_incidents)
