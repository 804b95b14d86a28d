"""The POST forms of a page, read from its HTML (what a browser would submit)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

#: Inputs that carry no user value.
IGNORED_TYPES = {"submit", "button", "reset", "image"}
IGNORED_NAMES = {"csrfmiddlewaretoken"}


@dataclass
class Form:
    action: str
    page: str = ""
    fields: dict[str, str] = field(default_factory=dict)   # name -> input type
    defaults: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._first_option: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                action = urljoin(self.page, attrs.get("action") or self.page)
                parts = urlsplit(action)
                self._form = Form(action=parts.path + (f"?{parts.query}" if parts.query else ""),
                                  page=self.page)
                self.forms.append(self._form)
            return
        if tag == "option" and self._form is not None and self._select:
            value = attrs.get("value", "")
            self._first_option.setdefault(self._select, value)
            if "selected" in attrs:
                self._form.defaults.setdefault(self._select, []).append(value)
            return
        if self._form is None or not attrs.get("name") or attrs["name"] in IGNORED_NAMES:
            return
        name = attrs["name"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in IGNORED_TYPES:
                return
            self._form.fields.setdefault(name, kind)
            checked = kind not in ("checkbox", "radio") or "checked" in attrs
            if kind != "file" and checked and attrs.get("value") is not None:
                self._form.defaults.setdefault(name, []).append(attrs["value"])
        elif tag in ("textarea", "select"):
            self._form.fields.setdefault(name, tag)
            self._select = name if tag == "select" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            # A browser sends the first option of a select where none is selected.
            if self._select not in self._form.defaults and self._first_option.get(self._select):
                self._form.defaults[self._select] = [self._first_option[self._select]]
            self._select = None


def post_forms(page: str, html: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms
