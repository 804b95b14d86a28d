"""Participation settings: an authority's defaults and each phase's statement settings.

Guarantees (docs/participation-settings.md, tests/participation_settings/):

- **One place decides what a phase offers.** `settings_for_phase(phase)` answers the phase's own
  `StatementSettings`; a phase without them gets a new, unsaved one filled from its authority's
  `ParticipationDefaults` (and the model's defaults where the authority has none). It costs one
  query. Every reader (statement form, co-signing, public display, moderation, imports, the
  agencies' portal) goes through it; SQL filters use `publicly_displayed()`, the same rule.
- **A phase's own settings start from the defaults**: the phase page shows
  `settings_for_phase`, and the first save creates the row with what was submitted.
- **All or nothing, audited.** `save_defaults` and `save_phase_settings` validate everything
  (`full_clean`) before writing and write the change and its audit entry (action
  `settings_changed`, before/after of each changed field) in one transaction. Saving unchanged
  values adds no entry (and writes nothing, except that a phase which followed the defaults
  gets its own settings with the same values).
- **Topics are normalised once** (`clean_topics`): one per line, spaces collapsed, blank lines
  dropped, duplicates (ignoring case) removed keeping the first; at most `MAX_TOPICS` of at most
  `MAX_TOPIC_LENGTH` characters, no control characters.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import AuditAction, Authority, Phase
from portal.services import audit

from ..models import ParticipationDefaults, StatementSettings

RULE_FIELDS = ("identity", "topics", "allow_cosigning", "display_publicly")
MAX_TOPICS = 30
MAX_TOPIC_LENGTH = 80


_OWN = [f"statement_settings__{name}" for name in ("id", *RULE_FIELDS)]
_DEFAULTS = [f"procedure__authority__participation_defaults__{name}"
             for name in ("id", *RULE_FIELDS)]
# with_statement_settings() names its annotations so (no "__" allowed there).
_ANNOTATED = {path: "settings_" + path.replace("__", "_") for path in (*_OWN, *_DEFAULTS)}


def with_statement_settings(phases: QuerySet[Phase]) -> QuerySet[Phase]:
    """`phases`, each carrying what `settings_for_phase` reads: it then makes no query of its
    own (the statement form reads the open phase and its settings in one query)."""
    return phases.annotate(**{name: F(path) for path, name in _ANNOTATED.items()})


def settings_for_phase(phase: Phase) -> StatementSettings:
    """The phase's statement settings: its own, else its authority's defaults (one query, none
    for a phase read through `with_statement_settings`)."""
    if all(hasattr(phase, name) for name in _ANNOTATED.values()):
        row = {path: getattr(phase, name) for path, name in _ANNOTATED.items()}
    else:
        row = Phase.objects.filter(pk=phase.pk).values(*_OWN, *_DEFAULTS).first() or {}
    if row.get("statement_settings__id") is not None:
        settings_ = StatementSettings(phase=phase, **_rules(row, "statement_settings__"))
        settings_.pk = row["statement_settings__id"]
        settings_._state.adding = False
        settings_._state.db = "default"
        return settings_
    prefix = "procedure__authority__participation_defaults__"
    if row.get(prefix + "id") is not None:
        return StatementSettings(phase=phase, **_rules(row, prefix))
    return StatementSettings(phase=phase)


def _rules(row: dict, prefix: str) -> dict:
    values = {name: row[prefix + name] for name in RULE_FIELDS}
    values["topics"] = list(values["topics"] or [])
    return values


def publicly_displayed(prefix: str = "") -> Q:
    """Phases (or rows reached through `prefix`, e.g. "phase__") whose statements are shown
    publicly after moderation: the rule of `settings_for_phase` as a filter."""
    return (Q(**{f"{prefix}statement_settings__display_publicly": True})
            | Q(**{f"{prefix}statement_settings__isnull": True,
                   f"{prefix}procedure__authority__participation_defaults__display_publicly":
                       True}))


def defaults_for(authority: Authority) -> ParticipationDefaults:
    """The authority's defaults, or new unsaved ones with the model's defaults."""
    return (ParticipationDefaults.objects.filter(authority=authority).first()
            or ParticipationDefaults(authority=authority))


TOO_MANY_TOPICS = gettext_lazy("Please enter at most %(limit)d topics (you entered %(count)d).")
TOPIC_TOO_LONG = gettext_lazy(
    "The topic “%(topic)s…” is too long: at most %(limit)d characters per topic.")
CONTROL_CHARACTERS = gettext_lazy("Please remove control characters from the topics.")
COSIGNING_NEEDS_DISPLAY = gettext_lazy(
    "Co-signing needs the public display: only displayed statements can be co-signed.")


def clean_topics(text_or_lines) -> list[str]:
    """Topics from a text (one per line) or a list, normalised; ValidationError if too many or
    too long."""
    lines = (text_or_lines.splitlines() if isinstance(text_or_lines, str)
             else [str(line) for line in text_or_lines or []])
    topics, seen = [], set()
    for line in lines:
        if any(unicodedata.category(char) == "Cc" and char != "\t" for char in line):
            raise ValidationError(CONTROL_CHARACTERS, code="control")
        topic = " ".join(line.split())
        if not topic or topic.casefold() in seen:
            continue
        if len(topic) > MAX_TOPIC_LENGTH:
            raise ValidationError(TOPIC_TOO_LONG, code="too_long", params={
                "topic": topic[:30], "limit": MAX_TOPIC_LENGTH})
        seen.add(topic.casefold())
        topics.append(topic)
    if len(topics) > MAX_TOPICS:
        raise ValidationError(TOO_MANY_TOPICS, code="too_many",
                              params={"limit": MAX_TOPICS, "count": len(topics)})
    return topics


def _apply(target, *, actor, authority: Authority, subject: str, values: dict) -> bool:
    """Set the rules on `target`, validate, save and audit in the caller's transaction;
    False (and nothing written) when nothing changed."""
    values = {**values, "topics": clean_topics(values["topics"])}
    if values["allow_cosigning"] and not values["display_publicly"]:
        raise ValidationError({"allow_cosigning": COSIGNING_NEEDS_DISPLAY})
    before = {name: getattr(target, name) for name in RULE_FIELDS}
    changed = [name for name in RULE_FIELDS if before[name] != values[name]]
    if not changed and target.pk is not None:
        return False
    for name in RULE_FIELDS:
        setattr(target, name, values[name])
    target.full_clean()
    target.save()
    if changed:
        audit.record(authority=authority, actor=actor, action=AuditAction.SETTINGS_CHANGED,
                     subject=subject, before={name: before[name] for name in changed},
                     after={name: values[name] for name in changed})
    return bool(changed)


@transaction.atomic
def save_defaults(*, authority: Authority, actor, identity: str, topics, allow_cosigning: bool,
                  display_publicly: bool) -> bool:
    """Store the authority's participation defaults; True if anything changed."""
    defaults = (ParticipationDefaults.objects.select_for_update().filter(authority=authority)
                .first() or ParticipationDefaults(authority=authority))
    return _apply(defaults, actor=actor, authority=authority,
                  subject=_("Participation defaults"),
                  values={"identity": identity, "topics": topics,
                          "allow_cosigning": allow_cosigning,
                          "display_publicly": display_publicly})


@transaction.atomic
def save_phase_settings(*, phase: Phase, actor, identity: str, topics, allow_cosigning: bool,
                        display_publicly: bool) -> bool:
    """Store the phase's own statement settings (created from the defaults on the first
    save); True if anything changed."""
    settings_ = (StatementSettings.objects.select_for_update().filter(phase=phase).first()
                 or settings_for_phase(phase))
    authority = phase.procedure.authority
    return _apply(settings_, actor=actor, authority=authority,
                  subject=_("Participation settings: %(phase)s (%(procedure)s)")
                  % {"phase": phase.display_title, "procedure": phase.procedure.title},
                  values={"identity": identity, "topics": topics,
                          "allow_cosigning": allow_cosigning,
                          "display_publicly": display_publicly})
