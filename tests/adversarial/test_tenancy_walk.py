"""The tenancy walk, generated from the URL map: every route with a parameter is requested with
another tenant's ids, by every role, with GET and with an empty POST.

For each request: no 500; no non-public text of the other tenant (its secret marker) in the
answer; and the answer must not tell the foreign id apart from an id that exists nowhere
(usually 404; the same redirect to the sign-in page or the same 403 where the role decides
before the id is looked at). A 200 is accepted only where the anonymous public gets the same
200 for the same request (a published plan is public on purpose). Nothing is written.
"""

import pytest
from django.test import Client

from portal.models import Role

from .arguments import (
    foreign_arguments,
    id_params,
    mixed_arguments,
    nowhere_arguments,
    tenant_value,
)
from .rows import changed_rows, row_counts
from .url_map import Route, fill, parametrised_routes

pytestmark = pytest.mark.django_db

#: Routes with a known leak (strict xfail, with the reason); none at present.
KNOWN: dict[str, str] = {}
#: Routes that answer 404 even to their own tenant's admin, and why (the walk still runs them).
OWN_404 = {
    "admin-shortcut": "the admin's object shortcut serves superusers only (404 for all others)",
    "admin:view_on_site": "shadowed by admin-shortcut (the same path): superusers only",
    "admin/(?P<url>.*)$": "the admin's catch-all answers 404 to an unknown address",
    "planning_results:public": "no result is released in the world",
    "dialogues:summary": "no dialogue summary is published in the world",
    **dict.fromkeys(("surveys:results", "surveys:results-map", "api:survey-results",
                     "api:survey-results-geojson"),
                    "the world's survey is open: its results are not published"),
    "planning:statement-receipt": "a receipt is shown only in the session that submitted it",
    "planning:statement-receipt-pdf": "a receipt is shown only in the session that submitted it",
    "accounts_citizen:statement-receipt": "a receipt under /konto/ is shown only to the citizen "
                                          "whose account the statement is linked to (never staff)",
    **dict.fromkeys(("accounts_citizen:organisation", "accounts_citizen:organisation-invite",
                     "accounts_citizen:organisation-member",
                     "accounts_citizen:organisation-link-agency",
                     "accounts_citizen:organisation-join"),
                    "a citizens' organisation belongs to no tenant; /konto/ answers staff 404"),
    **dict.fromkeys(("partners:partner", "partners:import", "partners:create-authority",
                     "partners:appoint-authority-admin", "partners:appoint-partner-admin"),
                    "state partners are no tenant's: only the operator and the partner's own "
                    "administrators open them (tests/partners)"),
    "openid_connect_login": "no OpenID Connect provider is configured in the world",
    "openid_connect_callback": "no OpenID Connect provider is configured in the world",
    "incidents:receipt": "a receipt is shown only in the session that submitted it",
    "account_confirm_email": "citizens' e-mail links under /konto/ answer 404 to a signed-in "
                             "staff account such as the walk's admin (docs/accounts.md)",
    "account_reset_password_from_key": "citizens' e-mail links under /konto/ answer 404 to a "
                                       "signed-in staff account such as the walk's admin",
}
#: Routes where a published plan's public page refuses the request itself the same for everyone
#: (the anonymous public included): that answer is accepted like the public 200, and why.
PUBLIC_REFUSAL = {
    "incidents:support": "a “me too” without the form's own field is refused (400) for "
                         "everyone alike (the report's public page with a message)",
    "incidents:nearby": "the public “already reported nearby?” check without a category and "
                        "a place is refused (400) for everyone alike",
    "dialogues:detail": "a comment without the form's fields is refused (400) for everyone "
                        "alike (the public dialogue page with the errors)",
    "dialogues:rate": "a rating without agree/disagree is refused (400) for everyone alike",
    "dialogues:flag": "a flag without a reason is refused (400) for everyone alike",
    "trails:short": "a signpost's QR address serves the public report form (the ID is printed "
                    "on the label in the forest); an empty report is refused (400) for everyone "
                    "alike",
    "planning:cosign-confirm": "a co-signer's confirmation link that is not for this published "
                               "plan is refused (400) for everyone alike",
    "surveys:start": "an open survey's start page refuses a POST without its start button "
                     "(400) for everyone alike",
    "livevoting:vote": "an open live voting's page (its join code is shown on the projector) "
                       "refuses a vote without the question's form (400) for everyone alike",
    "events:detail": "a registration without the form's fields is refused (400) for everyone "
                     "alike (the public event page with the errors)",
    "events:cancel": "a registration's signed link (the credential) refuses a cancellation "
                     "without its confirm button (400) for everyone who has the link",
    "surveys:answer": "a draft's page (its secret link is the credential) refuses a page "
                      "without the required answers (400) for everyone alike",
    "embed:page": "an authority's embedded portal page is public; a POST without the "
                  "embedded form's signed token is refused (403) for everyone alike",
    "embed:subpage": "an authority's embedded pages are public; a POST without the embedded "
                     "form's signed token is refused (403) for everyone alike",
}
#: Answers that name nothing: always acceptable for a foreign id.
NOTHING = {404, 405}
ROLE_NAMES = ("A-admin", "A-planner", "A-moderator", "A-viewer", "B-admin", "anonymous",
              "A-agency")
STAFF_ROLES = {"admin": Role.ADMIN, "planner": Role.PLANNER, "moderator": Role.MODERATOR,
               "viewer": Role.VIEWER}
REQUESTS = {"count": 0}


def _routes():
    routes = parametrised_routes()
    return [pytest.param(route, id=route.name or route.route,
                         marks=[pytest.mark.xfail(strict=True, reason=KNOWN[route.name])]
                         if route.name in KNOWN else [])
            for route in routes]


class Actor:
    """A role with its client, its own tenant and the tenant whose ids it must not reach."""

    def __init__(self, name: str, world):
        a, b = world
        self.name = name
        self.own, self.foreign = (b, a) if name.startswith("B-") else (a, b)
        self.client = Client(raise_request_exception=False)
        role = STAFF_ROLES.get(name[2:])
        if role:
            self.client.force_login(self.own.staff[role])
        if name == "A-agency":
            self.client.get(f"/toeb/{self.own.token}/")


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        # Reading it to the end closes it (the test client's wrapper); a second close() would
        # send request_finished again, which on PostgreSQL closes the test's connection.
        return b"".join(response.streaming_content)
    return response.content


def _request(client: Client, method: str, path: str):
    REQUESTS["count"] += 1
    response = client.get(path) if method == "GET" else client.post(path, {})
    response.body = _body(response)
    return response


def _variants(route: Route, actor: Actor) -> list[tuple[dict, list[str]]]:
    """(arguments, the foreign parameters among them): all ids foreign, and for routes with
    two or more ids also the first one the actor's own."""
    params = id_params(route)
    if not params:
        return []  # nothing foreign to ask for (only neutral values or the actor's own link)
    variants = [(foreign_arguments(route, actor.foreign, actor.own), params)]
    if len(params) > 1:
        variants.append(mixed_arguments(route, actor.own, actor.foreign))
    return variants


def _location(response, values: dict) -> str:
    """The redirect target without its query and with the request's own ids blanked out."""
    location = response["Location"].split("?")[0]
    for value in values.values():
        location = location.replace(str(value), "<id>")
    return location


def _check(route, actor, public, method, values, foreign_params) -> list[str]:
    path = fill(route, values)
    response = _request(actor.client, method, path)
    where = f"{actor.name} {method} {path} -> {response.status_code}"
    if response.status_code >= 500:
        return [f"{where}: server error"]
    problems = []
    if actor.foreign.secret.encode() in response.body:
        problems.append(f"{where}: shows the other tenant's data")
    if response.status_code in NOTHING:
        return problems
    nowhere = nowhere_arguments(route, values, foreign_params)
    baseline = _request(actor.client, method, fill(route, nowhere))
    if response.status_code == baseline.status_code and (
            response.status_code not in (301, 302, 303)
            or _location(response, values) == _location(baseline, nowhere)):
        return problems
    if response.status_code == 200 and (
            actor.client is public or _request(public, method, path).status_code == 200):
        return problems  # public on purpose (a published plan, a public document)
    if route.name in PUBLIC_REFUSAL and response.status_code in (400, 403) and (
            _request(public, method, path).status_code == response.status_code):
        return problems  # a published plan's page refuses the request itself, for everyone
    return [*problems, f"{where}: differs from an id that exists nowhere "
                       f"({baseline.status_code})"]


def _walk_route(route: Route, world) -> list[str]:
    public = Client(raise_request_exception=False)
    problems = []
    for name in ROLE_NAMES:
        actor = Actor(name, world)
        if name == "anonymous":
            actor.client = public
        for values, foreign_params in _variants(route, actor):
            for method in ("GET", "POST"):
                problems += _check(route, actor, public, method, values, foreign_params)
    return problems


@pytest.fixture(scope="module")
def walk_figures():
    """Requests per walked route; the total is printed at the end of the module."""
    figures = []
    yield figures
    print(f"\ntenancy walk: {len(figures)} routes, {sum(figures)} requests")


@pytest.mark.parametrize("route", _routes())
def test_foreign_ids_reveal_nothing_and_change_nothing(route, world, walk_figures):
    before = row_counts()
    requests = REQUESTS["count"]
    problems = _walk_route(route, world)
    walk_figures.append(REQUESTS["count"] - requests)
    assert changed_rows(before, row_counts()) == {}, route.label
    assert problems == [], "\n".join(problems)


def test_every_parametrised_route_has_arguments(world):
    """A new route with a parameter the walk cannot fill fails here: add it to arguments.py."""
    a, b = world
    missing = []
    for route in parametrised_routes():
        try:
            fill(route, foreign_arguments(route, b))
            fill(route, nowhere_arguments(route, {}))
        except KeyError as error:
            missing.append(str(error))
    assert missing == []
    assert len(parametrised_routes()) >= 100  # the walk really walked the map


@pytest.mark.parametrize("route", parametrised_routes(), ids=lambda r: r.name or r.route)
def test_own_ids_reach_the_route(route, world):
    """The arguments are right: with its own ids an admin (or the agency link) gets past the
    lookup, so a 404 in the walk means the foreign id was refused, not a wrong URL."""
    if (route.name or route.route) in OWN_404:
        pytest.skip(OWN_404[route.name or route.route])
    agency = "token" in route.params or route.name.startswith("planning_agencies:portal")
    actor = Actor("A-agency" if agency else "A-admin", world)
    path = fill(route, {param: tenant_value(route, param, actor.own) for param in route.params})
    answers = {method: _request(actor.client, method, path).status_code
               for method in ("GET", "POST")}
    assert set(answers.values()) != {404}, path
    assert max(answers.values()) < 500, (path, answers)
