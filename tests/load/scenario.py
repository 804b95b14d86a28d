"""What the simulated people do during the mixed load.

Citizens (many threads) read pages, pan the plan map (vector tiles at five zooms, the layer's
GeoJSON) and submit statements the way a browser does: the form is read first (CSRF cookie
and token, idempotency key, the form's signed render time) and sent at least FORM_SECONDS
later, because the portal refuses statements sent faster than a person types; meanwhile the
same thread goes on reading. Every statement carries a unique marker text, and each comes from
an address of its own (a new visitor), so the documented per-client rate limits stay on.

Two staff members sign in over HTTP with password and TOTP code: the planner uploads an
XPlanGML file now and then, the administrator asks for weighing-table exports in every format
in turn; both keep reading staff pages and polling their jobs' status, as the job pages do.
"""

import itertools
import random
import threading
import time
from dataclasses import dataclass, field

from tests.adversarial.forms import post_forms
from tests.factories import totp_code
from tests.xplan_import.documents import rich_plan

from .client import Browser, Recorder

FORM_SECONDS = 3.5
IMPORT_EVERY = 45.0  # seconds between two XPlanGML uploads
EXPORT_EVERY = 15.0  # seconds between two export requests
EXPORT_FORMATS = ("csv", "xlsx", "ods", "pdf", "geojson", "gpkg")
CITIZEN_PAUSE = 0.05  # think time between two requests of one citizen thread
STAFF_PAUSE = 1.0


@dataclass
class Outcome:
    """What the load acknowledged, for the checks afterwards."""

    marker_prefix: str
    acknowledged: list[str] = field(default_factory=list)  # statement markers
    receipts: list[str] = field(default_factory=list)  # receipt pages the portal sent back to
    imports: list[str] = field(default_factory=list)  # job paths
    exports: list[str] = field(default_factory=list)  # job paths
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, value: str) -> None:
        with self.lock:
            getattr(self, name).append(value)


_addresses = (f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}" for n in itertools.count(1))
_address_lock = threading.Lock()


def new_address() -> str:
    with _address_lock:
        return next(_addresses)


@dataclass
class PendingStatement:
    browser: Browser
    fields: list[tuple[str, str]]
    marker: str
    send_at: float


class Citizen:
    def __init__(self, number: int, port: int, targets: dict, recorder: Recorder,
                 outcome: Outcome):
        self.number, self.port, self.targets = number, port, targets
        self.recorder, self.outcome = recorder, outcome
        self.random = random.Random(number)
        self.reader = Browser(port, recorder, new_address())
        self.pending: list[PendingStatement] = []
        self.sent = 0

    def run(self, until: float) -> None:
        actions = [(self.page, 3), (self.tile, 5), (self.geojson, 1), (self.open_form, 1)]
        while time.monotonic() < until:
            if self.pending and self.pending[0].send_at <= time.monotonic():
                self.submit(self.pending.pop(0))
            else:
                action = self.random.choices([a for a, _ in actions],
                                             [w for _, w in actions])[0]
                action()
            time.sleep(CITIZEN_PAUSE)
        for statement in self.pending:  # forms read before the end are still sent
            time.sleep(max(0.0, statement.send_at - time.monotonic()))
            self.submit(statement)

    def page(self) -> None:
        self.reader.get("page", self.random.choice(self.targets["pages"]))

    def tile(self) -> None:
        self.reader.get("tile", self.random.choice(self.targets["tiles"]))

    def geojson(self) -> None:
        self.reader.get("geojson", self.targets["geojson"])

    def open_form(self) -> None:
        path = self.targets["statement_form"]
        visitor = Browser(self.port, self.recorder, new_address())
        status, _headers, page = visitor.get("statement form", path)
        if status != 200:
            return
        form = next(f for f in post_forms(path, page.decode()) if "text" in f.fields)
        fields = [(name, values[0]) for name, values in form.defaults.items()
                  if name not in {"anonymous", "topics"} and values]
        self.sent += 1
        marker = f"{self.outcome.marker_prefix} {self.number}-{self.sent}"
        fields += [("csrfmiddlewaretoken", visitor.csrf_token(page)), ("privacy_accepted", "on"),
                   ("text", f"{marker}: Bitte den Bach am Mühlweg erhalten.")]
        if self.sent % 2:
            fields.append(("anonymous", "yes"))
        else:  # named, with an e-mail address: the worker sends the receipt
            fields += [("anonymous", "no"), ("name", f"Erika Muster {marker}"),
                       ("street", "Bachweg 1"), ("postcode", "01067"), ("city", "Dresden"),
                       ("email", f"load-{self.number}-{self.sent}@example.org")]
        self.pending.append(PendingStatement(visitor, fields, marker,
                                             time.monotonic() + FORM_SECONDS))

    def submit(self, statement: PendingStatement) -> None:
        path = self.targets["statement_form"]
        status, location = statement.browser.post("statement submission", path,
                                                  statement.fields)
        if status == 302 and "/stellungnahme/" in location:
            self.outcome.add("acknowledged", statement.marker)
            statement.browser.get("receipt page", location)


class Staff:
    """A staff member signed in over HTTP (password, then the TOTP code), doing `chore`
    every `every` seconds and reading staff pages in between."""

    def __init__(self, port: int, account: dict, recorder: Recorder, outcome: Outcome,
                 targets: dict):
        self.browser = Browser(port, recorder, new_address())
        self.account, self.outcome, self.targets = account, outcome, targets
        self.jobs: list[str] = []
        self.formats = itertools.cycle(EXPORT_FORMATS)
        self.uploads = itertools.count(1)

    def sign_in(self) -> None:
        """Password, then (the staff area sends there) the current TOTP code."""
        status, _headers, page = self.browser.get("staff sign-in", "/accounts/login/")
        assert status == 200, f"login page: {status}"
        status, location = self.browser.post("staff sign-in", "/accounts/login/", [
            ("csrfmiddlewaretoken", self.browser.csrf_token(page)),
            ("username", self.account["username"]), ("password", self.account["password"]),
            ("next", "/staff/")])
        assert status == 302, f"password step: {status}"
        status, headers, _page = self.browser.get("staff sign-in", location)
        second_factor = headers.get("location", "")
        assert status == 302 and "/zweiter-faktor/" in second_factor, f"staff area: {status}"
        status, _headers, page = self.browser.get("staff sign-in", second_factor)
        status, location = self.browser.post("staff sign-in", second_factor, [
            ("csrfmiddlewaretoken", self.browser.csrf_token(page)),
            ("code", totp_code(self.account["totp_secret"]))])
        assert status == 302 and "zweiter-faktor" not in location, f"code step: {status}"
        status, _headers, _page = self.browser.get("staff page", location)
        assert status == 200, f"staff area after the second factor: {status}"

    def run(self, chore, every: float, until: float) -> None:
        next_chore = time.monotonic()
        while time.monotonic() < until:
            if time.monotonic() >= next_chore:
                chore()
                next_chore += every
            else:
                self.look_around()
            time.sleep(STAFF_PAUSE)

    def look_around(self) -> None:
        for job in self.jobs[-2:]:
            self.browser.get("staff job status", f"{job}status/")
        self.browser.get("staff page", "/staff/")

    def _post_form(self, kind: str, path: str, fields: list, files: list = ()) -> str | None:
        status, _headers, page = self.browser.get("staff page", path)
        if status != 200:
            return None
        status, location = self.browser.post(
            kind, path, [("csrfmiddlewaretoken", self.browser.csrf_token(page)), *fields], files)
        if status != 302:
            return None
        self.jobs.append(location)
        self.browser.get("staff page", location)
        return location

    def upload_xplan(self) -> None:
        number = next(self.uploads)
        gml = rich_plan(ags=self.targets["authority_ags"])
        job = self._post_form("xplan upload", "/staff/xplan/",
                              [("authority", str(self.targets["authority_pk"]))],
                              [("file", f"lasttest-{number}.gml", gml, "application/gml+xml")])
        if job:
            self.outcome.add("imports", job)

    def request_export(self) -> None:
        job = self._post_form(
            "export request", f"/staff/abwaegung/export/plaene/{self.targets['plan_uid']}/",
            [("format", next(self.formats)), ("variant", "internal"), ("phase", "")])
        if job:
            self.outcome.add("exports", job)
