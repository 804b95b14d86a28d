"""Showing a service's ValidationError or a file's InputError on the form that caused it."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from gis.errors import InputError


def add_service_error(form, exc: ValidationError | InputError, *, default_field: str | None = None,
                      field_map: dict[str, str] | None = None) -> None:
    """Attach the messages of `exc` to the matching form fields (else to `default_field`)."""
    field_map = field_map or {}
    if isinstance(exc, InputError):
        form.add_error(default_field, str(exc))
        return
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(default_field, message)
        return
    for name, messages in exc.message_dict.items():
        target = field_map.get(name, name)
        if name == NON_FIELD_ERRORS or target not in form.fields:
            target = default_field
        for message in messages:
            form.add_error(target, message)
