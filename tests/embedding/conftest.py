import re

import pytest

from ..incidents.conftest import area, west_staff  # noqa: F401  (fixtures)
from ..statements.conftest import notice, phase, plan  # noqa: F401  (fixtures)

HOST = "https://www.musterstadt.de"


@pytest.fixture
def embeddable(plan):  # noqa: F811
    plan.authority.embed_origins = f"{HOST}\nhttps://rathaus.musterstadt.de:8443"
    plan.authority.save(update_fields=["embed_origins"])
    return plan


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, name
    return match.group(1)
