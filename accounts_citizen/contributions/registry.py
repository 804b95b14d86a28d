"""Modules plug their citizen contributions in here: "My contributions" lists what every
registered provider finds, and deleting an account asks every provider what to keep.

A provider is an object with
- `key` (stored in Contribution.kind) and `label` (shown as the kind of contribution),
- `rows(uids)`: the ContributionRow of each of these contributions that still exists (its
  `status_key` changing is what "e-mail me when the status changes" mails),
- `forget_person(uids)`: called when the account is deleted; removes the personal data from
  these contributions (deletes what need not be kept, anonymises what must be kept).

A module registers its provider in its AppConfig.ready; tests can use `registered`.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True)
class ContributionRow:
    uid: UUID
    kind_label: str
    title: str  # what it was about, e.g. the plan
    reference: str  # the receipt reference number, "" where there is none
    status: str
    submitted_at: datetime
    receipt_url: str = ""  # the receipt (e.g. PDF) for the signed-in citizen, "" if none
    # A stable code of `status` (not translated): a change of it is mailed to the citizen
    # (services/notifications.py); "" means the module reports no status changes.
    status_key: str = ""


class ContributionProvider(Protocol):
    key: str
    label: str

    def rows(self, uids: list[UUID]) -> Iterable[ContributionRow]: ...

    def forget_person(self, uids: list[UUID]) -> None: ...


_providers: dict[str, ContributionProvider] = {}


def register(provider: ContributionProvider) -> None:
    _providers[provider.key] = provider


def providers() -> list[ContributionProvider]:
    return list(_providers.values())


def provider(key: str) -> ContributionProvider | None:
    return _providers.get(key)


@contextmanager
def registered(extra: ContributionProvider) -> Iterator[None]:
    """Register a provider for the duration of a block (tests)."""
    previous = _providers.get(extra.key)
    _providers[extra.key] = extra
    try:
        yield
    finally:
        if previous is None:
            _providers.pop(extra.key, None)
        else:
            _providers[extra.key] = previous
