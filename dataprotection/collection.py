"""What a procedure collects: the registry the privacy notice and the checklist are built from.

Each module registers a describer for its module code (the `module` of its procedure kinds in
portal.procedures.registry, or its own code for a module without procedures such as incident
reports). A describer gets `(authority, procedure)` – `procedure` is None for a module-wide
notice – and returns a `Collection`: the data it collects, the purpose, the legal basis it
proposes, recipients, the retention types (dataprotection/data_types.py) that govern it and
flags the checklist derives warnings from. Modules built later (events, live voting) register
theirs in their own `ready()`:

    from dataprotection import collection
    collection.register("events", describe_event)

Tests may register temporarily (`registered_temporarily`).
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.functional import Promise

from .models import LegalBasis

Text = str | Promise

# Flags a describer may set (what the checklist and the notice look at).
NAMED = "named"                    # a name/postal address is required
OPTIONAL_NAME = "optional_name"    # a name may be given
EMAIL = "email"                    # an e-mail address is asked for (optional or required)
PHONE = "phone"
ATTACHMENTS = "attachments"        # files of the participant
PHOTOS = "photos"                  # photos of the participant
GEOLOCATION = "geolocation"        # a place on a map
FREE_TEXT = "free_text"            # free text: special categories (Art. 9) may appear
PUBLIC_DISPLAY = "public_display"  # contributions are shown publicly
ACCOUNT = "account"                # linked to a citizen account
INVITATION_CODE = "invitation_code"  # an invitation code identifies the participant


@dataclass
class Collection:
    module_name: Text
    purpose: Text
    data: list[Text]
    legal_basis: str = LegalBasis.CONSENT
    #: The norm beside Art. 6(1)(e) GDPR, e.g. "§ 3 Abs. 2 BauGB" (formal procedures).
    legal_norms: list[str] = field(default_factory=list)
    recipients: list[Text] = field(default_factory=list)
    retention_types: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    #: False for e.g. an anonymous survey: the notice says no personal data is collected.
    personal_data: bool = True
    #: Phases/periods named in the notice.
    details: list[Text] = field(default_factory=list)

    @property
    def is_formal(self) -> bool:
        return bool(self.legal_norms)


Describer = Callable[[object, object], Collection]

_describers: dict[str, Describer] = {}


def register(module_code: str, describer: Describer) -> None:
    _describers[module_code] = describer


def unregister(module_code: str) -> None:
    _describers.pop(module_code, None)


def describer(module_code: str) -> Describer | None:
    return _describers.get(module_code)


def module_of(procedure) -> str:
    definition = procedure.kind_definition
    return definition.module if definition else ""


def describe(*, authority, procedure=None, module: str = "") -> Collection | None:
    """What `procedure` (or the module `module` of `authority`) collects; None if no module
    describes it."""
    code = module_of(procedure) if procedure is not None else module
    found = _describers.get(code)
    return found(authority, procedure) if found else None


def described_modules() -> list[str]:
    return sorted(_describers)


@contextmanager
def registered_temporarily(module_code: str, describer_: Describer):
    previous = _describers.get(module_code)
    register(module_code, describer_)
    try:
        yield
    finally:
        if previous is None:
            unregister(module_code)
        else:
            register(module_code, previous)
