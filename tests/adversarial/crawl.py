"""The portal's pages read as a browser would: which POST forms exist, for which actor.

Every route of the URL map is opened with the first tenant's own ids by the anonymous public,
by an agency through its personal link and by an authority admin; the first actor whose page
shows a form becomes that form's actor in the fuzz tests.
"""

import time
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from portal.models import Role

from .arguments import tenant_value
from .forms import Form, post_forms
from .url_map import all_routes, fill

#: Pages that show forms only with a query (the plan chosen first) or a particular statement.
EXTRA_PAGES = [
    "/staff/stellungnahmen/neu/?plan={plan}",
    "/staff/stellungnahmen/import/?plan={plan}",
    "/staff/abwaegung/stellungnahme/{agency_statement}/",
    # Embedded forms post with a signed token instead of the CSRF cookie (docs/embedding.md).
    "/einbetten/{slug}/plaene/{plan}/stellungnahme/",
]


#: Honeypot fields a person leaves empty (filling them refuses the whole form).
HONEYPOTS = {"website"}


def filled_in(form) -> dict:
    """The page's defaults, and plausible values where a browser user would type something."""
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {}
    for name, kind in form.fields.items():
        if name in HONEYPOTS:
            continue
        if name in form.defaults:
            data[name] = form.defaults[name][0] if len(form.defaults[name]) == 1 \
                else form.defaults[name]
        elif "postcode" in name:
            data[name] = "01067"
        elif kind == "email" or name.endswith("email"):
            data[name] = "adversarial@example.org"
        elif kind == "date":
            data[name] = tomorrow
        elif kind == "number":
            data[name] = "1"
        elif kind == "checkbox":
            if "privacy" in name or "accept" in name:
                data[name] = "on"
        elif kind in ("text", "textarea", "search", "tel", "url"):
            data[name] = "Adversarial test text"
    return data



def later():
    """The clock a little later: forms refuse submissions faster than a person types."""
    return time_machine.travel(time.time() + 30, tick=True)


def fresh(client: Client, form: Form) -> Form:
    """The same form as the client's page shows it now (new one-use tokens and keys); submit
    it inside `later()`."""
    response = client.get(form.page)
    for candidate in post_forms(form.page, response.content.decode()):
        if candidate.action == form.action:
            return candidate
    return form


def actor_client(actor: str, a) -> Client:
    return _clients(a)[actor] if actor != "anonymous" else Client(raise_request_exception=False)


def _clients(a) -> dict[str, Client]:
    anonymous = Client(raise_request_exception=False)
    agency = Client(raise_request_exception=False)
    agency.get(f"/toeb/{a.token}/")
    admin = Client(raise_request_exception=False)
    admin.force_login(a.staff[Role.ADMIN])
    # Citizens' own account pages (/konto/email/, ...) answer 404 to staff accounts.
    citizen = Client(raise_request_exception=False)
    citizen.force_login(a.citizen)
    return {"anonymous": anonymous, "agency": agency, "admin": admin, "citizen": citizen}


def _pages(a) -> list[str]:
    pages = []
    for route in all_routes():
        try:
            pages.append(fill(route, {p: tenant_value(route, p, a) for p in route.params}))
        except KeyError:
            continue  # regex catch-alls
    values = {"plan": a.plan.uid, "agency_statement": a.agency_statement.uid,
              "slug": a.authority.slug}
    return pages + [page.format(**values) for page in EXTRA_PAGES]


def _view_name(action: str) -> str:
    try:
        return resolve(action.split("?")[0]).view_name
    except Resolver404:
        return action


def discover_forms(a) -> dict[str, tuple[str, Form]]:
    """{form target's view name: (actor, form)}: the first actor (anonymous, agency, admin,
    citizen) whose pages show the form."""
    found = {}
    clients = _clients(a)
    for page in _pages(a):
        for actor, client in clients.items():
            response = client.get(page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in post_forms(page, response.content.decode()):
                found.setdefault(_view_name(form.action), (actor, form))
    return found
