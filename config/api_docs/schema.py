"""The OpenAPI document of the portal, generated in-process once per language, as a list of
operations the reference page and the try-it view read."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "path" or "query" (OpenAPI "in")
    required: bool
    schema: dict
    description: str

    @property
    def type_label(self) -> str:
        kind = self.schema.get("type", "string")
        fmt = self.schema.get("format")
        return f"{kind} ({fmt})" if fmt else kind

    @property
    def choices(self) -> list[str]:
        return [str(value) for value in self.schema.get("enum", []) if value is not None]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    request_media_types: list[str]
    responses: list[tuple[str, str, list[str]]]  # (status, description, media types)
    tags: list[str] = field(default_factory=list)

    @property
    def method_label(self) -> str:
        return self.method.upper()

    @property
    def form_parameters(self) -> list[Parameter]:
        """What the try-it form asks for: the path and query parameters."""
        return [p for p in self.parameters if p.location in ("path", "query")]

    @property
    def can_be_tried(self) -> bool:
        return self.method == "get"


@lru_cache(maxsize=8)
def _document(language: str) -> dict:
    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


def document() -> dict:
    """The OpenAPI document in the current language (cached per process and language)."""
    return _document(translation.get_language() or "de")


def _parameter(raw: dict) -> Parameter:
    return Parameter(name=raw["name"], location=raw["in"], required=bool(raw.get("required")),
                     schema=raw.get("schema") or {}, description=raw.get("description") or "")


def _operation(path: str, method: str, raw: dict, shared_parameters: list) -> Operation:
    parameters = [_parameter(p) for p in [*shared_parameters, *raw.get("parameters", [])]]
    responses = [
        (str(status), response.get("description") or "", list(response.get("content") or {}))
        for status, response in (raw.get("responses") or {}).items()
    ]
    return Operation(
        operation_id=raw.get("operationId") or f"{method}_{path}",
        method=method, path=path, summary=raw.get("summary") or "",
        description=raw.get("description") or "",
        parameters=sorted(parameters, key=lambda p: (p.location != "path", p.name)),
        request_media_types=list((raw.get("requestBody") or {}).get("content") or {}),
        responses=responses, tags=list(raw.get("tags") or []),
    )


def operations() -> list[Operation]:
    """Every operation of the document, in the document's order of paths."""
    found = []
    for path, item in document().get("paths", {}).items():
        for method in METHODS:
            if method in item:
                found.append(_operation(path, method, item[method], item.get("parameters", [])))
    return found


def operation(operation_id: str) -> Operation | None:
    return next((op for op in operations() if op.operation_id == operation_id), None)
