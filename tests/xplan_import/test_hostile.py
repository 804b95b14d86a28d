"""Hostile input (SECURITY.md A1/A2) through the import service and the command: refused with
a clear message in the report, nothing stored (rows, files in storage, temporary files), no
connection made. The upload path is in test_upload.py."""

import io
import json
import os
import zipfile

import pytest
from django.core.management import CommandError, call_command

from gis.models import Feature, Layer
from planning.models import Plan, XPlanRecord
from planning.xplan_import import import_xplan
from tests.xplanung.builders import GML_NS, minimal
from tests.xplanung.conftest import canary  # noqa: F401  (fixture)
from tests.xplanung.test_hostile import _patch_sizes, _symlink_entry

from ..factories import make_authority
from .conftest import box, stored_files

pytestmark = pytest.mark.django_db

HEAD = (
    '<xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/xplangml/6/0" '
    f'xmlns:gml="{GML_NS}" gml:id="GML_1"><gml:featureMember>'
    '<xplan:BP_Plan gml:id="P1"><xplan:name>{}</xplan:name></xplan:BP_Plan>'
    "</gml:featureMember></xplan:XPlanAuszug>"
)
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       + HEAD.format("&e;")).encode()
LOLS = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">'
                  for i in range(1, 10))
        + "]>" + HEAD.format("&lol9;")).encode()
EXTERNAL_DTD = ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd">'
                + HEAD.format("x")).encode()


def zipped(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CASES = {
    "xxe": ("plan.gml", XXE, "doctype_forbidden", "DOCTYPE"),
    "billion-laughs": ("plan.gml", LOLS, "doctype_forbidden", "DOCTYPE"),
    "external-dtd": ("plan.gml", EXTERNAL_DTD, "doctype_forbidden", "DOCTYPE"),
    "truncated": ("plan.gml", minimal()[: len(minimal()) * 2 // 3], "truncated", "line"),
    "not-xml": ("plan.gml", b"\x89PNG\r\n\x1a\nnot a plan", "xml_syntax", "not well-formed"),
    "zip-slip": ("plan.zip", zipped({"xplan.gml": minimal(), "../../../../tmp/pwned.png": b"x"}),
                 "input_error", "outside"),
    "zip-symlink": ("plan.zip", zipped({"xplan.gml": minimal(), _symlink_entry(): "/etc/passwd"}),
                    "input_error", "symbolic link"),
    "zip-bomb": ("plan.zip", zipped({"xplan.gml": minimal(), "scan.png": b"\0" * (20 << 20)}),
                 "input_error", "zip bomb"),
    "zip-declared-gigabytes": ("plan.zip", _patch_sizes(zipped({"xplan.gml": minimal()}),
                                                        3_000_000_000), "input_error", ""),
    "zip-truncated": ("plan.zip", zipped({"xplan.gml": minimal()})[:60], "input_error", ""),
    "zip-without-plan": ("plan.zip", zipped({"readme.txt": b"hello"}), "archive_without_plan",
                         "xplan.gml"),
}


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=box(399_000, 5_649_000, 402_000, 5_652_000))


@pytest.fixture
def isolated_tmp(tmp_path, monkeypatch):
    import tempfile

    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def assert_nothing_stored(media_root, isolated_tmp) -> None:
    assert not Plan.objects.exists() and not Layer.objects.exists()
    assert not Feature.objects.exists() and not XPlanRecord.objects.exists()
    assert stored_files(media_root) == []
    assert list(isolated_tmp.iterdir()) == []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_file_is_refused_by_the_service(case, town, tmp_path, media_root, isolated_tmp):
    name, data, code, text = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    report = import_xplan(path, authority=town)
    (error,) = report["errors"]
    assert error["code"] == code, error
    assert text in error["message"] and error["level"] == "error"
    assert "root:" not in json.dumps(report)  # /etc/passwd is never echoed
    assert report["plans"] == []
    assert_nothing_stored(media_root, isolated_tmp)
    assert not (tmp_path.parent / "pwned.png").exists()


def test_oversized_file_is_refused_before_parsing(town, tmp_path, media_root, isolated_tmp):
    path = tmp_path / "huge.gml"
    with open(path, "wb") as stream:
        stream.write(minimal()[:-30])
        stream.truncate(150 * 1024 * 1024)  # sparse: 150 MB declared, nothing written
    report = import_xplan(path, authority=town)
    assert [e["code"] for e in report["errors"]] == ["file_too_large"]
    assert "150 MB" in report["errors"][0]["message"]
    os.remove(path)
    assert_nothing_stored(media_root, isolated_tmp)


def test_network_references_are_never_followed(town, tmp_path, canary):  # noqa: F811
    port = canary.server_address[1]
    for doctype in (f'<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:{port}/xxe">]>',
                    f'<!DOCTYPE x SYSTEM "http://127.0.0.1:{port}/x.dtd">'):
        path = tmp_path / "plan.gml"
        path.write_bytes(('<?xml version="1.0"?>' + doctype + HEAD.format("&e;")).encode())
        assert import_xplan(path, authority=town)["errors"][0]["code"] == "doctype_forbidden"
    remote = minimal().replace(
        b"<xplan:planArt>",
        f'<xplan:texte xlink:href="http://127.0.0.1:{port}/obj.gml#id"/><xplan:planArt>'.encode())
    path = tmp_path / "remote.gml"
    path.write_bytes(remote)
    report = import_xplan(path, authority=town)
    assert "link_not_followed" in [w["code"] for w in report["warnings"]]
    assert canary.hits == []


@pytest.mark.parametrize("case", ["xxe", "zip-bomb", "truncated"])
def test_hostile_file_through_the_command(case, town, tmp_path, media_root, isolated_tmp):
    name, data, code, _text = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_xplan", str(path), "--authority", town.slug, "--json", stdout=out)
    assert caught.value.returncode == 1
    report = json.loads(out.getvalue())
    assert [e["code"] for e in report["errors"]] == [code]
    assert_nothing_stored(media_root, isolated_tmp)


def test_command_refuses_an_unknown_authority(tmp_path):
    path = tmp_path / "plan.gml"
    path.write_bytes(minimal())
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_xplan", str(path), "--authority", "nirgendwo", "--json", stdout=out)
    assert caught.value.returncode == 2
    assert json.loads(out.getvalue())["errors"][0]["code"] == "unknown_authority"
