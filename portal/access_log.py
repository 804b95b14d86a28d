"""Who opened personal data (accountability, Art. 5(2) GDPR): staff views call `opened()`, the
DSGVO assistant (dataprotection) registers the recorder that stores it. Without a registered
recorder nothing is stored; the portal does not import the module.

`what` is a short code: "submitter-details", "attachment", "letters", "export",
"statement-export", "subject-request", "subject-export", "person-search".
"""

from collections.abc import Callable

_recorders: list[Callable] = []


def register(recorder: Callable) -> None:
    if recorder not in _recorders:
        _recorders.append(recorder)


def opened(request, *, authority, what: str, reference: str = "") -> None:
    for recorder in _recorders:
        recorder(request, authority=authority, what=what, reference=reference)
