"""Hostile input (SECURITY.md A1, A2) is refused with a clear message, reaches no network and
leaves nothing behind."""

import io
import os
import struct
import time
import zipfile

import pytest

from gis.errors import InputError
from planning.xplanung import XPlanLimits, XPlanReadError, read_xplan

from .builders import GML_NS, bp_plan, document, minimal

HEAD = (
    '<xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/xplangml/6/0" '
    f'xmlns:gml="{GML_NS}" gml:id="GML_1"><gml:featureMember>'
    '<xplan:BP_Plan gml:id="P1"><xplan:name>{}</xplan:name></xplan:BP_Plan>'
    "</gml:featureMember></xplan:XPlanAuszug>"
)


def refused(path, code: str, **kwargs) -> XPlanReadError:
    with pytest.raises(XPlanReadError) as caught:
        read_xplan(path, **kwargs)
    assert caught.value.code == code, caught.value
    assert str(caught.value)
    return caught.value


def test_xxe_local_file_is_refused_and_not_echoed(write_file, isolated_tmp):
    data = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + HEAD.format("&e;")
    )
    error = refused(write_file(data.encode()), "doctype_forbidden")
    assert "root:" not in str(error)
    assert "DOCTYPE" in error.message and error.line == 1
    assert list(isolated_tmp.iterdir()) == []


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:{port}/xxe">]>',
        '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/x.dtd"> %p;]>',
        '<!DOCTYPE x SYSTEM "http://127.0.0.1:{port}/external.dtd">',
        '<!DOCTYPE x PUBLIC "-//X//DTD X//EN" "http://127.0.0.1:{port}/public.dtd">',
    ],
    ids=["entity", "parameter-entity", "external-dtd", "public-dtd"],
)
def test_xxe_to_the_network_never_connects(doctype, canary, write_file):
    port = canary.server_address[1]
    data = '<?xml version="1.0"?>' + doctype.format(port=port) + HEAD.format("&e;")
    refused(write_file(data.encode()), "doctype_forbidden")
    assert canary.hits == []


def test_doctype_behind_comments_bom_and_whitespace_is_found(write_file):
    data = (
        '\ufeff<?xml version="1.0"?>\n<!-- a comment with <!DOCTYPE inside -->\n  <!doctype x>'
        + HEAD.format("x")
    )
    assert refused(write_file(data.encode("utf-8")), "doctype_forbidden").line == 3
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x []>' + HEAD.format("x")).encode(
        "utf-16"
    )
    refused(write_file(utf16), "doctype_forbidden")


def test_doctype_text_inside_a_comment_is_harmless(write_file):
    data = minimal().replace(b"?>", b"?><!-- <!DOCTYPE x> is only text here -->", 1)
    assert read_xplan(write_file(data)).plans[0].name == "Testplan"


def test_billion_laughs_is_refused_fast(write_file):
    entities = "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10)
    )
    data = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY lol "lol">'
        + entities
        + "]>"
        + HEAD.format("&lol9;")
    )
    start = time.perf_counter()
    refused(write_file(data.encode()), "doctype_forbidden")
    assert time.perf_counter() - start < 1.0


def test_quadratic_blowup_is_refused_fast(write_file):
    data = (
        '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "'
        + "x" * 100_000
        + '">]>'
        + HEAD.format("&a;" * 20_000)
    )
    start = time.perf_counter()
    refused(write_file(data.encode()), "doctype_forbidden")
    assert time.perf_counter() - start < 1.0


def test_undeclared_entity_reference_is_an_error(write_file):
    with pytest.raises(XPlanReadError) as caught:
        read_xplan(write_file(('<?xml version="1.0"?>' + HEAD.format("&e;")).encode()))
    assert caught.value.code in {"entity_forbidden", "xml_syntax", "truncated"}


def test_xinclude_is_refused_not_processed(write_file):
    include = (
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
        'parse="text"/>'
    )
    error = refused(
        write_file(('<?xml version="1.0"?>' + HEAD.format(include)).encode()), "xinclude_forbidden"
    )
    assert "root:" not in str(error)


def test_remote_schema_location_and_xlinks_are_never_fetched(canary, write_file):
    port = canary.server_address[1]
    remote = f"http://127.0.0.1:{port}"
    data = document(
        bp_plan(extra=f'<xplan:texte xlink:href="{remote}/obj.gml#id"/>'),
        f'<gml:featureMember xlink:href="{remote}/feature.gml#f1"/>',
        root_attrs=(
            'xsi:schemaLocation="http://www.xplanung.de/xplangml/6/0 '
            f'{remote}/XPlanung-Operationen.xsd"'
        ),
    )
    result = read_xplan(write_file(data))
    assert result.plans[0].attributes["texte"] == {"href": f"{remote}/obj.gml#id"}
    assert [m.code for m in result.warnings].count("link_not_followed") == 2
    assert canary.hits == []


def test_deep_nesting_is_refused_without_recursion_error(write_file):
    depth = 1_000_000
    data = minimal().replace(b"<xplan:name>", b"<a>" * depth + b"</a>" * depth + b"<xplan:name>")
    start = time.perf_counter()
    error = refused(write_file(data), "too_deep")
    assert error.line == 3
    assert time.perf_counter() - start < 2.0


def test_moderate_nesting_beyond_the_depth_cap(write_file):
    data = minimal().replace(b"<xplan:name>", b"<a>" * 100 + b"</a>" * 100 + b"<xplan:name>")
    refused(write_file(data), "too_deep")


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.gml"
    with open(path, "wb") as stream:
        stream.write(minimal()[:-30])
        stream.truncate(200 * 1024 * 1024)  # sparse: 200 MB declared, nothing written
    start = time.perf_counter()
    error = refused(path, "file_too_large")
    assert "200 MB" in error.message
    assert time.perf_counter() - start < 0.5


def test_streamed_coordinate_flood_is_refused_by_size(tmp_path):
    path = tmp_path / "flood.gml"
    head, tail = minimal().split(b"</xplan:name>", 1)
    with open(path, "wb") as stream:
        stream.write(head + b"</xplan:name><xplan:beschreibung><gml:posList>")
        chunk = b"1234567.123 5678901.456 " * 40_000
        for _ in range(160):  # about 150 MB, written in chunks
            stream.write(chunk)
        stream.write(b"</gml:posList></xplan:beschreibung>" + tail)
    refused(path, "file_too_large")
    os.remove(path)


def test_caps_on_elements_and_vertices(write_file):
    path = write_file(minimal())
    refused(path, "too_many_elements", limits=XPlanLimits(max_elements=10))
    refused(path, "too_many_vertices", limits=XPlanLimits(max_vertices=3))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_xml_names_the_line(cut, write_file):
    data = minimal()
    error = refused(write_file(data[: int(len(data) * cut)]), "truncated")
    assert error.line and error.line >= 1
    assert f"line {error.line}" in error.message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (minimal().replace(b'encoding="UTF-8"', b'encoding="UTF-16"'), "encoding_mismatch"),
        (minimal().replace(b'encoding="UTF-8"', b'encoding="UTF-7"'), "unsupported_encoding"),
        (
            b"\xef\xbb\xbf" + minimal().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'),
            "encoding_mismatch",
        ),
        (minimal().replace(b"Testplan", b"Test\xff\xfeplan"), "bad_encoding"),
        (minimal().replace(b"Testplan", b"Test\xc0\x80plan"), "bad_encoding"),
        ("\x00\x00\xfe\xff".encode("latin-1") + minimal(), "unsupported_encoding"),
        (b"", "empty_file"),
        (b"   \n  ", "no_root"),
        (b'<?xml version="1.0"?><html><body/></html>', "not_xplan"),
        (b'<?xml version="1.0" encoding=UTF-8?><a/>', "xml_declaration"),
    ],
    ids=[
        "utf16-declared",
        "utf7",
        "bom-vs-latin1",
        "invalid-utf8",
        "overlong-nul",
        "utf32",
        "empty",
        "blank",
        "html",
        "bad-declaration",
    ],
)
def test_bad_encodings_and_non_xplan_files(data, code, write_file):
    error = refused(write_file(data), code)
    if code == "bad_encoding":
        assert error.line == 3


def test_genuine_utf16_and_latin1_files_are_read(write_file):
    utf16 = minimal(name="Plan Ähnlich").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert read_xplan(write_file(utf16.encode("utf-16"))).plans[0].name == "Plan Ähnlich"
    latin1 = (
        minimal(name="Plan Größe").decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    )
    assert read_xplan(write_file(latin1.encode("latin-1"))).plans[0].name == "Plan Größe"


def test_script_in_text_is_kept_as_plain_text(write_file):
    data = minimal(name="<![CDATA[<img src=x onerror=alert(1)>]]>")
    assert read_xplan(write_file(data)).plans[0].name == "<img src=x onerror=alert(1)>"


# -- archives -------------------------------------------------------------------------------
def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name if isinstance(name, zipfile.ZipInfo) else name, data)
    return buffer.getvalue()


def _patch_sizes(data: bytes, declared: int) -> bytes:
    """Set the uncompressed size of every entry (local and central headers) to `declared`."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + offset : start + offset + 4] = struct.pack("<I", declared)
            start += 4
    return bytes(data)


def _symlink_entry():
    info = zipfile.ZipInfo("plan.png")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"xplan.gml": minimal(), "../../../../tmp/pwned.png": b"x"}, "outside"),
        ({"xplan.gml": minimal(), "/etc/cron.d/x.png": b"x"}, "absolute"),
        ({"xplan.gml": minimal(), "..\\..\\x.png": b"x"}, "absolute"),
        ({"xplan.gml": minimal(), _symlink_entry(): "/etc/passwd"}, "symbolic link"),
        ({"xplan.gml": minimal(), "inner.zip": _zip({"a.gml": b"x"})}, "nested"),
        ({"xplan.gml": minimal(), "evil.exe": b"MZ"}, "not accepted"),
        ({"xplan.gml": minimal(), "XPLAN.GML": minimal()}, "more than once"),
        ({"xplan.gml": minimal(), "scan.png": b"\0" * (20 * 1024 * 1024)}, "zip bomb"),
    ],
    ids=["slip", "absolute", "windows", "symlink", "nested", "exe", "duplicate", "ratio-bomb"],
)
def test_hostile_archives_are_refused_before_extraction(entries, message, tmp_path, isolated_tmp):
    path = tmp_path / "plan.zip"
    path.write_bytes(_zip(entries))
    with pytest.raises(InputError) as caught:
        read_xplan(path)
    assert message in str(caught.value)
    assert list(isolated_tmp.iterdir()) == []
    assert not (tmp_path.parent / "pwned.png").exists()


def test_archive_lying_about_its_sizes_stops_at_the_declared_size(tmp_path, isolated_tmp):
    path = tmp_path / "liar.zip"
    data = _zip({"xplan.gml": minimal(), "scan.png": os.urandom(64) * 40_000})
    path.write_bytes(_patch_sizes(data, 1024))
    with pytest.raises(InputError):
        read_xplan(path)
    assert list(isolated_tmp.iterdir()) == []


def test_archive_declaring_gigabytes_is_refused_by_its_listing(tmp_path, isolated_tmp):
    path = tmp_path / "declared.zip"
    path.write_bytes(_patch_sizes(_zip({"xplan.gml": minimal()}), 3_000_000_000))
    start = time.perf_counter()
    with pytest.raises(InputError):
        read_xplan(path)
    assert time.perf_counter() - start < 0.5
    assert list(isolated_tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("entries", "code"),
    [
        ({"readme.txt": b"nothing"}, "archive_without_plan"),
        ({"a.gml": minimal(), "b.gml": minimal()}, "archive_ambiguous"),
    ],
)
def test_archives_without_one_plan_file(entries, code, tmp_path, isolated_tmp):
    path = tmp_path / "plan.zip"
    path.write_bytes(_zip(entries))
    refused(path, code)
    assert list(isolated_tmp.iterdir()) == []


def test_broken_plan_inside_an_archive_leaves_nothing_behind(tmp_path, isolated_tmp):
    path = tmp_path / "plan.zip"
    path.write_bytes(_zip({"xplan.gml": minimal()[:200], "scan.png": b"png"}))
    refused(path, "truncated")
    assert list(isolated_tmp.iterdir()) == []


def test_plan_file_in_archive_larger_than_the_limit(tmp_path, isolated_tmp):
    path = tmp_path / "plan.zip"
    path.write_bytes(_zip({"xplan.gml": minimal()}))
    refused(path, "file_too_large", limits=XPlanLimits(max_file_bytes=100))
    assert list(isolated_tmp.iterdir()) == []


def test_truncated_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "cut.zip"
    path.write_bytes(_zip({"xplan.gml": minimal()})[:-30])
    with pytest.raises(InputError) as caught:
        read_xplan(path)
    assert "zip" in str(caught.value)


def test_giant_text_node_is_refused_clearly(write_file):
    flood = b"1234567.123 " * 900_000  # 10.8 million characters in one element
    data = minimal().replace(b"<xplan:name>Testplan", b"<xplan:name>" + flood)
    refused(write_file(data), "text_too_long")


def test_failure_report_has_the_report_shape(write_file, tmp_path):
    import json

    from planning.xplanung import build_failure_report

    with pytest.raises(XPlanReadError) as caught:
        read_xplan(write_file(minimal()[:150]))
    report = build_failure_report("plan.gml", caught.value)
    assert set(report) == {"file", "xplan_version", "feature_counts", "plans", "warnings", "errors"}
    assert report["errors"][0]["code"] == "truncated" and report["errors"][0]["line"]
    path = tmp_path / "slip.zip"
    path.write_bytes(_zip({"../x.gml": minimal()}))
    with pytest.raises(InputError) as caught:
        read_xplan(path)
    assert json.dumps(build_failure_report("slip.zip", caught.value))
