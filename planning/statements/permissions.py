"""Who may do what with statements on the staff side (django-rules), tested as a role matrix.

The object is a Statement, a Plan or an Authority (anything with the authority's id).

| permission                       | admin | planner | moderator | viewer | no role |
|----------------------------------|-------|---------|-----------|--------|---------|
| planning.view_statement          | yes   | yes     | yes       | yes    | no      |
| planning.add_statement           | yes   | yes     | yes       | no     | no      |
| planning.moderate_statement      | yes   | yes     | yes       | no     | no      |

Reading includes personal data: statements are only ever shown to staff of the owning
authority (or an admin of a parent authority), never to another tenant (404).
"""

import rules

from portal.models.membership import Role

from ..rules import READER_ROLES, authority_roles, role_for

ACTOR_ROLES = frozenset({Role.ADMIN, Role.PLANNER, Role.MODERATOR})


@rules.predicate
def reads_statements(user, obj) -> bool:
    return role_for(user, obj) in READER_ROLES


@rules.predicate
def acts_on_statements(user, obj) -> bool:
    return role_for(user, obj) in ACTOR_ROLES


def actor_authority_ids(user) -> set[int] | None:
    """Authorities where the user may enter and moderate statements; None: all (superuser)."""
    if user.is_superuser:
        return None
    return {pk for pk, role in authority_roles(user).items() if role in ACTOR_ROLES}


for _name, _predicate in (
    ("planning.view_statement", reads_statements),
    ("planning.add_statement", acts_on_statements),
    ("planning.moderate_statement", acts_on_statements),
):
    if not rules.perm_exists(_name):
        rules.add_perm(_name, _predicate)
