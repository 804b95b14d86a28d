"""An upcoming event with a confirmed registration and its ticket (tests and the adversarial
world). The registrant's name carries no secret marker: the registration's signed link is a
credential that shows the same page to everyone who has it."""

from participation.events.services import NewRegistration, register

from .conftest import build_event


def build_events(authority, *, key="A", secret="", switch_on=True) -> dict:
    if switch_on and not authority.has_module("events"):
        authority.enabled_modules = [*(authority.enabled_modules or []), "events"]
        authority.save(update_fields=["enabled_modules"])
    event = build_event(authority, title=f"Werkstatt {key}",
                        description="Öffentliche Beschreibung.")
    registration, _ = register(event=event, new=NewRegistration(
        f"Teilnehmerin {key}", f"teilnehmerin-{key.lower()}@example.org", 1,
        accessibility_needs=f"{secret} Bedarf" if secret else ""))
    return {"event": event, "event_registration": registration,
            "event_ticket": registration.tickets.get()}
