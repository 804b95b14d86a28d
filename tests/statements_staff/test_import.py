"""Import of statements from CSV and XLSX: dry run with a report per row, all-or-nothing
import, duplicates, limits and hostile files."""

import io
import re
import zipfile
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from planning.models import Channel, Statement, StatementSettings
from planning.statements import import_stash
from planning.statements.import_files import read_table_bytes
from planning.statements.importing import import_statements

from .conftest import point_in

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
XSS_CSV = "<img src=x onerror=alert(1)>"
HEADER = "reference;received;channel;name;organisation;street;postcode;city;email;text;topics;location"


def csv_file(*rows, header=HEADER, name="liste.csv", encoding="utf-8") -> SimpleUploadedFile:
    content = "\n".join([header, *rows]).encode(encoding)
    return SimpleUploadedFile(name, content, content_type="text/csv")


def import_url(tenant, confirm=False):
    name = "planning_statements_staff:import-confirm" if confirm else "planning_statements_staff:import"
    return reverse(name) + f"?plan={tenant.plan.uid}"


def check(client, tenant, upload):
    return client.post(import_url(tenant), {"phase": tenant.phase.pk, "file": upload}, **EN)


def confirm(client, tenant, token):
    return client.post(import_url(tenant, confirm=True), {"token": token}, **EN)


def problems(response) -> list[tuple[int, str, str]]:
    report = response.context["report"]
    return [(p.row, p.column, p.message) for p in report.problems]


def lonlat(tenant, dx=100, dy=100) -> tuple[float, float]:
    point = point_in(tenant.plan, dx, dy).transform(4326, clone=True)
    return round(point.x, 6), round(point.y, 6)


def good_rows(tenant) -> list[str]:
    lon, lat = lonlat(tenant)
    lon2, lat2 = lonlat(tenant, 200, 150)
    return [
        "B-1;01.10.2026;Brief;Erika Mustermann;;Bachweg 3;01234;Musterstadt;erika@example.org;"
        f"Bitte den Bach offen lassen.;Grün;{lon}, {lat}",
        'B-2;2026-10-26 14:30;email;;Naturschutzbund;;;;;"Mehrzeilig\nzweite Zeile ' + XSS_CSV
        + f'";"Verkehr; Grün";POINT({lon2} {lat2})',
        "B-3;20.10.2026;;;;;;;;\"=HYPERLINK(\"\"http://x\"\",\"\"klick\"\")\";;"
        "Bachweg, Höhe Hausnummer 3",
    ]


@time_machine.travel(NOW, tick=False)
def test_dry_run_then_import(client, own, mailoutbox):
    client.force_login(own.planner)
    page = client.get(import_url(own))
    assert page.status_code == 200 and b"reference" in page.content
    response = check(client, own, csv_file(*good_rows(own)))
    assert response.status_code == 200, problems(response)
    report = response.context["report"]
    assert report.ok and not report.stored and len(report.created) == 3
    assert Statement.objects.count() == 0  # a dry run stores nothing
    token = response.context["token"]
    assert token and 'id="import-confirm"' in response.content.decode()
    done = confirm(client, own, token)
    assert done.status_code == 302
    statements = {s.text.split("\n")[0][:12]: s for s in Statement.objects.all()}
    assert len(statements) == 3
    first = statements["Bitte den Ba"]
    assert first.channel == Channel.LETTER and first.entered_by == own.planner
    assert timezone.localdate(first.received_at) == date(2026, 10, 1) and not first.is_late
    assert first.topics == ["Grün"] and first.email == "erika@example.org"
    assert first.location.geom_type == "Point" and first.location.srid == 25832
    second = next(s for s in statements.values() if s.organisation == "Naturschutzbund")
    assert second.is_late and second.channel == Channel.EMAIL
    assert second.topics == ["Verkehr", "Grün"] and second.text.endswith(XSS_CSV)
    assert timezone.localtime(second.received_at).strftime("%d.%m.%Y %H:%M") == "26.10.2026 14:30"
    third = next(s for s in statements.values() if s.text.startswith("="))
    assert third.text == '=HYPERLINK("http://x","klick")'  # stored as text, unchanged
    assert third.channel == Channel.IMPORT and third.location is None
    assert third.location_text == "Bachweg, Höhe Hausnummer 3" and third.is_anonymous
    # The stashed file is gone; the token cannot be used twice.
    again = confirm(client, own, token)
    assert again.status_code == 400 and Statement.objects.count() == 3


@time_machine.travel(NOW, tick=False)
def test_report_names_row_and_column_and_stores_nothing(client, own):
    client.force_login(own.planner)
    rows = [
        good_rows(own)[0],
        "B-4;31.02.2026;Brief;;;;;;;Text;;",
        "B-5;01.10.2026;Fax;;;;;;;Text;;",
        "B-6;01.10.2026;;;;;123;;;Text;;",
        "B-7;01.10.2026;;;;;;;kein-mail;Text;;",
        "B-8;01.10.2026;;;;;;;;Text;Unbekannt;",
        "B-9;01.10.2026;;;;;;;;Text;;POLYGON((1 2, 3)",
        "B-10;01.10.2026;;;;;;;;;;",
        "B-11;01.09.2026;;;;;;;;Vor Beginn der Phase;;",
        "B-12;01.10.2026;;;;;;;;Weit weg;;6.0, 50.0",
        "B-1;02.10.2026;;;;;;;;Doppelte Nummer;;",
        "B-13;01.12.2026;;;;;;;;Zukunft;;",
    ]
    response = check(client, own, csv_file(*rows))
    assert response.status_code == 400
    found = problems(response)
    expected = [(3, "received"), (4, "channel"), (5, "postcode"), (6, "email"), (7, "topics"),
                (8, "location"), (9, "text"), (10, ""), (11, ""), (12, "reference"),
                (13, "received")]
    assert [(row, column) for row, column, _ in found] == expected, found
    messages = {(row, column): message for row, column, message in found}
    assert "starts on" in messages[(10, "")]
    assert "outside the area" in messages[(11, "")]
    assert "future" in messages[(13, "received")]
    assert response.context["token"] == ""
    assert Statement.objects.count() == 0
    page = response.content.decode()
    assert "Check failed: nothing was stored" in page


@time_machine.travel(NOW, tick=False)
def test_import_is_all_or_nothing_even_if_things_changed_after_the_dry_run(client, own):
    client.force_login(own.planner)
    response = check(client, own, csv_file(*good_rows(own)))
    token = response.context["token"]
    StatementSettings.objects.filter(phase=own.phase).update(topics=["Verkehr"])  # "Grün" gone
    done = confirm(client, own, token)
    assert done.status_code == 400
    assert [(p[0], p[1]) for p in problems(done)] == [(2, "topics"), (3, "topics")]
    assert Statement.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_reimport_skips_rows_imported_before_and_refuses_changed_ones(client, own):
    client.force_login(own.planner)
    token = check(client, own, csv_file(*good_rows(own))).context["token"]
    confirm(client, own, token)
    again = check(client, own, csv_file(*good_rows(own)))
    report = again.context["report"]
    assert report.ok and len(report.skipped) == 3 and not report.created
    assert "imported before as ST-2026-" in report.skipped[0].note
    changed = good_rows(own)[0].replace("offen lassen", "zuschütten")
    response = check(client, own, csv_file(changed))
    assert [(p[0], p[1]) for p in problems(response)] == [(2, "reference")]


def xlsx_bytes(rows, *, formula=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    for row in rows:
        sheet.append(row)
    if formula:
        sheet.append(["F-1", date(2026, 10, 2), "letter", "", "", "", "", "", "", "=1+1", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@time_machine.travel(NOW, tick=False)
def test_xlsx_import(client, own):
    data = xlsx_bytes([
        ["X-1", date(2026, 10, 2), "Brief", "Erika", "", "Bachweg 3", 1234, "Musterstadt", "",
         "Aus Excel", "Verkehr;Grün", "{}, {}".format(*lonlat(own))],
        ["X-2", datetime(2026, 10, 3, 8, 15), "email", "", "", "", "", "", "", "Zweite", "",
         None],
    ])
    client.force_login(own.planner)
    response = check(client, own, SimpleUploadedFile("liste.xlsx", data))
    assert response.status_code == 200, problems(response)
    assert response.context["report"].kind == "xlsx"
    confirm(client, own, response.context["token"])
    first = Statement.objects.get(text="Aus Excel")
    assert first.postcode == "01234" and first.topics == ["Verkehr", "Grün"]
    assert timezone.localdate(first.received_at) == date(2026, 10, 2)
    second = Statement.objects.get(text="Zweite")
    assert timezone.localtime(second.received_at).strftime("%H:%M") == "08:15"


@time_machine.travel(NOW, tick=False)
def test_xlsx_formula_without_value_is_reported(client, own):
    client.force_login(own.planner)
    response = check(client, own, SimpleUploadedFile("f.xlsx", xlsx_bytes([], formula=True)))
    assert [(p[0], p[1]) for p in problems(response)] == [(2, "text")]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_hostile_and_unsupported_files_are_refused(client, own, settings):
    settings.PORTAL_STATEMENT_IMPORT_MAX_ROWS = 5
    settings.PORTAL_STATEMENT_IMPORT_MAX_BYTES = 200_000
    macro = xlsx_bytes([])
    with zipfile.ZipFile(io.BytesIO(macro)) as archive:
        entries = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    entries["xl/vbaProject.bin"] = b"\x00" * 64
    cases = {
        "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Old Excel files"),
        "makro.xlsm": (_zip(entries), "macros"),
        "archiv.zip": (_zip({"a.txt": b"x"}), "not an Excel"),
        "kaputt.xlsx": (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        "leer.csv": (b"", "empty"),
        "nur-kopf.csv": (HEADER.encode(), "no statements"),
        "zu-viele.csv": ("\n".join([HEADER] + [good_rows(own)[2]] * 6).encode(), "more than 5 rows"),
        "zu-gross.csv": (HEADER.encode() + b"\n" + b"x" * 200_001, "larger than"),
        "binaer.csv": (b"\x00\x01\x02" * 10, "neither a CSV"),
        "bomb.xlsx": (_zip({"[Content_Types].xml": b"x", **{f"f{i}": b"" for i in range(600)}}),
                      "too large when unpacked"),
    }
    client.force_login(own.planner)
    for name, (content, fragment) in cases.items():
        response = check(client, own, SimpleUploadedFile(name, content))
        assert response.status_code == 400, name
        errors = " ".join(response.context["form"].errors.get("file", []))
        assert fragment in errors, (name, errors)
    assert Statement.objects.count() == 0


def test_header_problems(client, own):
    client.force_login(own.planner)
    response = check(client, own, csv_file(good_rows(own)[2], header="received;text;farbe;Text"))
    found = problems(response)
    assert (1, "farbe") in [(r, c) for r, c, _ in found]
    assert any("appears twice" in m for _, _, m in found)
    missing = check(client, own, csv_file("x", header="name"))
    assert {c for _, c, _ in problems(missing)} == {"received", "text"}


@time_machine.travel(NOW, tick=False)
def test_german_headings_semicolons_and_windows_1252(client, own):
    header = "Eingangsnummer;Eingangsdatum;Eingangsweg;Name;PLZ;Ort;Stellungnahme;Themen;Verortung"
    row = "7;01.10.2026;Brief;Jürgen Öztürk;01234;Musterstadt;Straße zu schmal;Verkehr;"
    client.force_login(own.planner)
    response = check(client, own, csv_file(row, header=header, encoding="cp1252"))
    assert response.status_code == 200, problems(response)
    confirm(client, own, response.context["token"])
    assert Statement.objects.get().name == "Jürgen Öztürk"


@time_machine.travel(NOW, tick=False)
def test_access_to_import(client, own, foreign):
    client.force_login(own.viewer)
    assert client.get(import_url(own)).status_code == 403
    assert check(client, own, csv_file(*good_rows(own))).status_code == 403
    client.force_login(foreign.planner)
    assert client.get(import_url(own)).status_code == 404
    # A token of another user, or for another plan, is not accepted.
    client.force_login(own.planner)
    token = check(client, own, csv_file(*good_rows(own))).context["token"]
    client.force_login(foreign.planner)
    assert confirm(client, foreign, token).status_code == 400
    assert confirm(client, own, token).status_code == 404
    other_planner = own.planner.__class__.objects.create_user("zweite", password="pw")
    from portal.models import Membership, Role

    Membership.objects.create(user=other_planner, authority=own.authority, role=Role.PLANNER)
    client.force_login(other_planner)
    assert confirm(client, own, token).status_code == 400
    assert Statement.objects.count() == 0
    assert import_stash.unstash("forged", user_id=own.planner.pk) is None


@time_machine.travel(NOW, tick=False)
def test_service_level_dry_run_and_template(client, own):
    table = read_table_bytes(("\n".join([HEADER, *good_rows(own)])).encode())
    report = import_statements(plan=own.plan, phase=own.phase, table=table, user=own.planner,
                               dry_run=True)
    assert report.ok and Statement.objects.count() == 0
    wrong_phase = import_statements(plan=own.plan, phase=own.phase.__class__(procedure_id=-1),
                                    table=table, user=own.planner, dry_run=False)
    assert not wrong_phase.ok
    client.force_login(own.planner)
    template = client.get(reverse("planning_statements_staff:import-template"))
    text = template.content.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER
    # The template imports cleanly except for the example's place (outside this test plan).
    assert re.search(r"B-2026-014", text)


@time_machine.travel(NOW, tick=False)
def test_export_can_be_imported_again(client, own):
    client.force_login(own.planner)
    confirm(client, own, check(client, own, csv_file(*good_rows(own))).context["token"])
    exported = client.get(reverse("planning_statements_staff:export")).content
    Statement.objects.all().delete()
    response = check(client, own, SimpleUploadedFile("export.csv", exported))
    assert response.status_code == 200, problems(response)
    confirm(client, own, response.context["token"])
    texts = set(Statement.objects.values_list("text", flat=True))
    assert '=HYPERLINK("http://x","klick")' in texts  # the export's apostrophe is undone


@time_machine.travel(NOW, tick=False)
def test_receipt_mails_are_queued_only_by_the_real_import(own):
    table = read_table_bytes(("\n".join([HEADER, *good_rows(own)])).encode())

    def queued_receipts():
        return DBTaskResult.objects.filter(task_path__endswith=".send_receipt").count()

    import_statements(plan=own.plan, phase=own.phase, table=table, user=own.planner,
                      dry_run=True)
    assert queued_receipts() == 0
    # Queued in the import's transaction (portal/worker/outbox.py), not after it.
    report = import_statements(plan=own.plan, phase=own.phase, table=table,
                               user=own.planner, dry_run=False)
    assert report.stored and queued_receipts() == 1  # the one row with an e-mail address


@time_machine.travel(NOW, tick=False)
def test_a_refused_import_does_not_keep_the_file(client, own, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(own.planner)
    token = check(client, own, csv_file(*good_rows(own))).context["token"]
    [stored] = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    StatementSettings.objects.filter(phase=own.phase).update(topics=["Verkehr"])  # "Grün" gone
    refused = confirm(client, own, token)
    assert refused.status_code == 400
    assert "The file was not kept" in refused.content.decode()
    assert not stored.exists()
    assert Statement.objects.count() == 0
