"""Open311 GeoReport v2 documents as the specification's examples show them, in JSON and XML.

A library layer without the database: views build plain dicts/lists and this module turns them
into the two formats. XML follows the spec's element names: a list has a plural root
(`services`, `service_requests`, `errors`) with one singular element per item (`service`,
`request`, `error`); nested lists (`attributes`, `values`) the same way; null is an empty
element; booleans are `true`/`false`.
"""

import json
import re
from xml.etree import ElementTree as ET

from django.http import HttpResponse

FORMATS = ("json", "xml")
#: Characters XML 1.0 cannot carry: dropped from every text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: plural element -> singular element of its items.
ITEM_NAMES = {
    "services": "service", "service_requests": "request", "errors": "error",
    "attributes": "attribute", "values": "value", "service_request_updates": "request_update",
    "endpoints": "endpoint", "formats": "format", "media_urls": "media_url",
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _append(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        item_name = ITEM_NAMES.get(name, "item")
        for item in value:
            _append(element, item_name, item)
    else:
        element.text = _text(value)


def to_xml(root: str, value) -> bytes:
    element = ET.Element(root)
    if isinstance(value, list):
        for item in value:
            _append(element, ITEM_NAMES.get(root, "item"), item)
    else:
        for key, item in value.items():
            _append(element, key, item)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(element, encoding="utf-8",
                                                                   xml_declaration=False)


def response(fmt: str, root: str, value, *, status: int = 200) -> HttpResponse:
    """The document in `fmt` ("json" or "xml"); `root` names the XML root element."""
    if fmt == "xml":
        return HttpResponse(to_xml(root, value), status=status,
                            content_type="text/xml; charset=utf-8")
    return HttpResponse(json.dumps(value, ensure_ascii=False), status=status,
                        content_type="application/json; charset=utf-8")


def errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    """The spec's error document: a list of {code, description}, with that HTTP status."""
    items = [{"code": status, "description": str(text)} for text in descriptions]
    return response(fmt if fmt in FORMATS else "json", "errors", items, status=status)
