"""Registry of the portal's modules an authority can enable.

Apps register their modules in AppConfig.ready(); the portal knows them only through this
registry (DESIGN.md: dependencies point one way).
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Module:
    code: str
    name: str | Promise
    description: str | Promise = ""


_registry: dict[str, Module] = {}


def register(module: Module) -> None:
    existing = _registry.get(module.code)
    if existing is not None and existing != module:
        raise ValueError(f"Module code {module.code!r} is registered twice.")
    _registry[module.code] = module


def unregister(code: str) -> None:
    _registry.pop(code, None)


@contextmanager
def registered_temporarily(module: Module):
    register(module)
    try:
        yield module
    finally:
        unregister(module.code)


def get(code: str) -> Module | None:
    return _registry.get(code)


def all_modules() -> list[Module]:
    return sorted(_registry.values(), key=lambda m: m.code)


def module_choices() -> list[tuple[str, str]]:
    return [(m.code, str(m.name)) for m in all_modules()]
