"""Privacy notices per procedure, as the modules see them: a form shows `current(procedure)`
where consent is given and calls `accepted(contribution, version)` once the contribution is
stored. The DSGVO assistant (dataprotection) registers the provider in its ready(); without
one there is no procedure notice and nothing is recorded. The portal does not import the app.

A version has `number`, `published_at`, `pk` and `text_for(language)`.
"""

_provider = None


def register(provider) -> None:
    """`provider` has `current_for_procedure(procedure)`, `current_for_module(authority,
    module)` and `record_acceptance(contribution, version)`."""
    global _provider
    _provider = provider


def current(procedure):
    return _provider.current_for_procedure(procedure) if _provider and procedure else None


def current_for_module(authority, module: str):
    return _provider.current_for_module(authority, module) if _provider else None


def accepted(contribution, version) -> None:
    if _provider is not None and version is not None:
        _provider.record_acceptance(contribution, version)
