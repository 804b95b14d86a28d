"""Hostile values for form fields, query strings and JSON bodies, generated (not collected).

Each entry is (case name, value). `form_cases` turns them into whole submissions for a form's
fields: every field with the same hostile value, fields missing, fields duplicated, and the
page's own valid defaults with one field at a time made hostile.
"""

from dataclasses import dataclass

#: The GeoJSON and request-body caps of the portal (gis/geojson_input.py: 256 KB).
JSON_CAP = 256 * 1024


def deep_json(depth: int = 20_000) -> str:
    return "[" * depth + "]" * depth


def long_json_array(cap: int = JSON_CAP - 64) -> str:
    """As many array elements as fit under the cap (about 127,000 for 256 KB)."""
    count = (cap - 2) // 2
    return "[" + ",".join("0" * count) + "]"


def text_values(canary_url: str) -> list[tuple[str, str]]:
    return [
        ("50kB", "Ä" * 25_000),
        ("control", "a\x00b\x01\x07\x1b[31m\x7f\u0085c"),
        ("crlf", "x\r\nBcc: opfer@example.org\r\nSubject: spam\r\n\r\nbody"),
        ("rtl", "\u202egnp.exe\u202c\u200b\ufeff\u2066x\u2069"),
        ("html", '<script>alert(1)</script><img src=x onerror="alert(1)">"\'><svg/onload=alert(1)>'
                 "{{ 7|add:7 }}{% csrf_token %}${7*7}"),
        ("sql", "' OR '1'='1'; DROP TABLE planning_statement; --"),
        ("formula", f'=HYPERLINK("{canary_url}","klick")'),
        ("dde", "+cmd|' /C calc'!A0"),
        ("url", f"{canary_url} file:///etc/passwd \\\\127.0.0.1\\share"),
        ("huge", "9" * 400),
        ("float-huge", "1e308"),
        ("negative", "-99999999999999999999"),
        ("nan", "NaN"),
        ("bad-date", "2026-02-30"),
        ("list", "[]"),
        ("object", '{"$gt": ""}'),
        ("json-nan", '{"type":"Point","coordinates":[NaN,Infinity]}'),
        ("json-deep", deep_json()),
        ("json-array", long_json_array()),
        ("json-z", '{"type":"Point","coordinates":[13.73,51.03,1e200]}'),
        ("unicode", "\U0001f4a9\ud7ff\ufffd\u0301\u0301\u0301"),
    ]


@dataclass(frozen=True)
class Case:
    name: str
    data: dict


#: The values of the fast run: every kind once, the text attacks in one string.
FAST = {"50kB", "mixed-text", "huge", "negative", "nan", "object", "json-deep", "json-nan",
        "json-array", "json-z"}


def mixed_text(values: list[tuple[str, str]]) -> str:
    """Control characters, CRLF, RTL override, HTML, SQL, formula and URL in one string."""
    return "".join(value for label, value in values
                   if label in ("control", "crlf", "rtl", "html", "sql", "formula", "url"))


def form_cases(fields: dict[str, str], defaults: dict[str, list[str]], canary_url: str, *,
               thorough: bool = False) -> list[Case]:
    """Submissions for a form. The fast set sends each kind of hostile value in every field;
    the thorough set (make test-adversarial) sends every value singly and, on top of the
    page's valid defaults, one hostile field at a time."""
    values = text_values(canary_url)
    values.append(("mixed-text", mixed_text(values)))
    if not thorough:
        values = [(label, value) for label, value in values if label in FAST]
    names = [name for name in fields if fields[name] != "file"]
    cases = [Case(f"all:{label}", dict.fromkeys(names, value)) for label, value in values]
    cases.append(Case("missing", {}))
    cases.append(Case("duplicated", {name: ["1", "2", "Ä" * 1000] for name in names}))
    cases.append(Case("files-as-text", dict.fromkeys(fields, "Ä" * 1000)))
    if thorough:
        base = {name: value for name, value in defaults.items() if name in fields}
        hostile = "Ä" * 2000 + mixed_text(values)
        cases += [Case(f"{name}:one-hostile", {**base, name: hostile}) for name in names]
    return cases


#: Raw bodies: (case name, content type, body bytes).
def raw_bodies(fields: list[str]) -> list[tuple[str, str, bytes]]:
    names = fields or ["text"]
    urlencoded = b"&".join(name.encode() + b"=%FF%FE%FD\xff\xfe" for name in names)
    boundary = b"XyZ"
    multipart_truncated = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\""
                           + names[0].encode() + b"\"\r\n\r\nabc")
    multipart_bad_header = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name*=UTF-8''"
                            b"%FF%FE\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\n"
                            b"\xff\xfe\r\n--" + boundary + b"--\r\n")
    return [
        ("invalid-utf8", "application/x-www-form-urlencoded", urlencoded),
        ("invalid-utf8-charset", "application/x-www-form-urlencoded; charset=utf-7", urlencoded),
        ("json-body", "application/json", b'{"a": NaN, "b": [' + b"[" * 5000 + b"]" * 5000 + b"]}"),
        ("xml-body", "application/xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM "
                                        b"'file:///etc/passwd'>]><x>&e;</x>"),
        ("multipart-no-boundary", "multipart/form-data", b"--XyZ\r\n\r\n"),
        ("multipart-truncated", "multipart/form-data; boundary=XyZ", multipart_truncated),
        ("multipart-bad-header", "multipart/form-data; boundary=XyZ", multipart_bad_header),
        ("multipart-huge-boundary", "multipart/form-data; boundary=" + "B" * 5000, b"--"),
        ("text-plain", "text/plain", b"\x00" * 1000),
    ]
