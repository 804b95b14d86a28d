"""Writing the audit log of an authority's administration (portal.AuditEntry).

`record` adds one entry; it is called inside the transaction of the action it records, so an
action that fails leaves no entry and an entry never lacks its action. Values are stored as
JSON: model instances as their text, everything else as it is (lists, strings, numbers).
"""

from django.db.models import Model

from ..models import AuditAction, AuditEntry, Authority


def actor_name(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.get_username()})" if full else user.get_username()


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # a stored file
        return value.name or ""
    return str(value)


def record(*, authority: Authority, actor, action: AuditAction, subject: str = "",
           before: dict | None = None, after: dict | None = None) -> AuditEntry:
    entry = AuditEntry(
        authority=authority, actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor_name(actor) if getattr(actor, "pk", None) else "",
        action=action, subject=subject[:300],
        before={key: _plain(value) for key, value in (before or {}).items()},
        after={key: _plain(value) for key, value in (after or {}).items()},
    )
    entry.full_clean()
    entry.save()
    return entry


def record_authority_form(*, authority: Authority, actor, form, before: dict) -> None:
    """Entries for a saved settings form of an authority: the module switches as one entry,
    every other changed field together in another. `before` holds the values of the form's
    fields as they were (`values_of(authority, form.fields)` before the form was bound)."""
    changed = [name for name in form.changed_data if name in before]
    after = {name: form.cleaned_data.get(name) for name in changed}
    if "enabled_modules" in changed:
        record(authority=authority, actor=actor, action=AuditAction.MODULES_CHANGED,
               subject=str(authority),
               before={"enabled_modules": sorted(before["enabled_modules"] or [])},
               after={"enabled_modules": sorted(after.pop("enabled_modules") or [])})
        changed.remove("enabled_modules")
    if changed:
        record(authority=authority, actor=actor, action=AuditAction.SETTINGS_CHANGED,
               subject=str(authority),
               before={name: before[name] for name in changed},
               after={name: after[name] for name in changed})


def values_of(authority: Authority, names) -> dict:
    return {name: getattr(authority, name, None) for name in names}
