"""Every POST form found on the portal's pages, filled with generated hostile values.

The forms are found by reading the HTML of every page of the URL map (as the anonymous public,
as an agency through its link, and as an authority admin), so a new form is fuzzed as soon as
a page shows it (and `test_every_form_found_is_fuzzed` names it). For each submission: no 500,
bounded CPU time, nothing stored when the answer is a refusal, no connection to the loopback
canary.
"""

import pytest

from .crawl import actor_client
from .hostile_values import form_cases, raw_bodies
from .probes import send

pytestmark = pytest.mark.django_db

#: Forms that end the session instead of taking input.
NOT_FUZZED = {"logout", "admin:logout", "account_logout"}
#: Every form target the crawl finds in the world (new forms must be added here).
FORMS = [
    "admin:password_change", "admin:portal_authority_change", "admin:portal_membership_add",
    "admin:portal_membership_change", "admin:portal_membership_changelist",
    "admin:portal_membership_delete", "admin:portal_authority_changelist",
    "admin:incidents_incidentcategory_add", "admin:incidents_incidentcategory_change",
    "admin:incidents_incidentcategory_changelist", "admin:incidents_responsetemplate_add",
    "admin:incidents_responsetemplate_change", "admin:incidents_responsetemplate_changelist",
    "admin:incidents_responsetemplate_delete",
    "incidents:form", "incidents:support", "incidents_staff:api-keys", "incidents_staff:detail",
    "surveys:start", "surveys:answer", "surveys_staff:list", "surveys_staff:builder",
    "surveys_staff:question", "surveys_staff:codes",
    "dialogues:detail", "dialogues:flag", "dialogues:rate", "dialogues_staff:comment",
    "dialogues_staff:settings", "dialogues_staff:create",
    "livevoting:join", "livevoting:vote", "livevoting_staff:list", "livevoting_staff:session",
    "livevoting_staff:question",
    "events:detail", "events:cancel", "events:ticket-for-voting",
    "accounts_citizen:organisations", "events_staff:create", "events_staff:broadcast",
    "events_staff:scanner",
    "dialogues_staff:block",
    "dialogues_staff:unblock", "dialogues:unsubscribe",
    "trails:short", "trails_staff:signpost", "trails_staff:signpost_create",
    "trails_staff:signpost_import", "trails_staff:sections", "trails_staff:warden",
    "trails_staff:wardens", "trails_warden:inspection", "trails_warden:invitation",
    "trails_warden:report", "trails_warden:signpost", "trails_warden:submit",
    "admin-login", "login", "password_change", "password_reset", "set_language",
    "planning:cosign", "planning:cosign-confirm", "planning:statement-form",
    "planning_agencies:create", "planning_agencies:edit", "planning_agencies:import",
    "planning_agencies:invitation-new-link", "planning_agencies:phase-propose",
    "planning_agencies:portal", "planning_agencies:portal-no-concerns",
    "planning_staff:document-add", "planning_staff:document-delete",
    "planning_staff:layer-add-raster", "planning_staff:layer-add-vector",
    "planning_staff:layer-delete", "planning_staff:phase-add", "planning_staff:phase-delete",
    "planning_staff:phase-edit", "planning_staff:plan-create", "planning_staff:plan-unpublish",
    "planning_staff:plan-update",
    # Participation settings (docs/participation-settings.md).
    "planning_staff:participation-defaults", "planning_staff:phase-settings",
    "planning_statements_staff:moderate", "planning_statements_staff:create",
    "planning_statements_staff:import",
    "planning_workbench:group", "planning_workbench:group-identical",
    "planning_workbench:leave-group", "planning_workbench:note", "planning_workbench:suggestions",
    "planning_workbench:text-block-delete", "planning_workbench:text-blocks",
    "planning_workbench:statement", "planning_workbench:split",
    "portal:staff-authority-settings", "weighing_export:request", "xplan:upload",
    # Staff administration and the second factor (docs/staff-admin.md, docs/accounts.md).
    "portal:staff-authority-invite", "portal:staff-authority-member-role",
    "portal:staff-authority-member-remove", "portal:staff-authority-invitation-revoke",
    "portal:staff-invitation", "staff_account:second-factor-setup",
    # Citizens' accounts (django-allauth under /konto/, docs/accounts.md).
    "account_login", "account_signup", "account_reset_password", "account_change_password",
    "account_email", "account_reauthenticate",
    "accounts_citizen:profile", "accounts_citizen:notifications", "accounts_citizen:delete",
    "dataprotection:record", "dataprotection:request-complete", "dataprotection:requests",
    "dataprotection:retention", "dataprotection:procedure-notice", "dataprotection:checklist",
    "dataprotection:module-notice",
    # Geo-subscriptions (docs/subscriptions.md).
    "subscriptions:subscribe", "subscriptions:confirm", "subscriptions:unsubscribe",
    # Embedded pages (docs/embedding.md): the statement form inside a frame, signed token.
    "embed:subpage",
]
#: Known failures (strict xfail, with the reason); none at present.
KNOWN: dict[str, str] = {}


def test_every_form_found_is_fuzzed(discovered):
    found = set(discovered) - NOT_FUZZED
    assert (sorted(found - set(FORMS)), sorted(set(FORMS) - found)) == ([], [])


def _forms():
    return [pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[name])]
                         if name in KNOWN else []) for name in FORMS]


@pytest.mark.parametrize("view_name", _forms())
def test_hostile_submissions_are_refused_or_harmless(view_name, discovered, world, canary,
                                                    fuzz_figures):
    _fuzz(view_name, discovered, world, canary, fuzz_figures, thorough=False)


@pytest.mark.adversarial_slow
@pytest.mark.parametrize("view_name", _forms())
def test_every_hostile_value_singly_and_one_field_at_a_time(view_name, discovered, world,
                                                            canary, fuzz_figures):
    _fuzz(view_name, discovered, world, canary, fuzz_figures, thorough=True)


def _fuzz(view_name, discovered, world, canary, fuzz_figures, *, thorough: bool) -> None:
    a, _b = world
    actor, form = discovered[view_name]
    client = actor_client(actor, a)
    problems, count = [], 0
    for case in form_cases(form.fields, form.defaults, canary.url, thorough=thorough):
        _response, found = send(client, form.action, data=case.data)
        problems += [f"{case.name}: {problem}" for problem in found]
        count += 1
    for name, content_type, body in raw_bodies(list(form.fields)):
        _response, found = send(client, form.action, body=body, content_type=content_type)
        problems += [f"{name}: {problem}" for problem in found]
        count += 1
    fuzz_figures.append(count)
    assert canary.connections == 0
    assert problems == [], f"{actor} -> {form.action}\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def fuzz_figures():
    figures = []
    yield figures
    print(f"\nform fuzz: {len(figures)} forms, {sum(figures)} hostile submissions")
