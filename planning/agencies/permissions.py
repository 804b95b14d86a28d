"""Who may read and edit the agency register and the invitations of a phase (django-rules).

| permission                  | admin | planner | moderator | viewer | no role |
|-----------------------------|-------|---------|-----------|--------|---------|
| planning.view_agencies      | yes   | yes     | yes       | yes    | no      |
| planning.manage_agencies    | yes   | yes     | no        | no     | no      |

The object is an Authority (or anything with ``authority_id``). ``manage_agencies`` covers the
register, the proposal, sending invitations and renewing links. Roles are decided as for plans
(planning/rules.py: a direct role first, else an inherited admin role; superusers all).
"""

import rules

from ..rules import EDITOR_ROLES, READER_ROLES, role_for


@rules.predicate
def reads_agencies(user, authority) -> bool:
    return role_for(user, authority) in READER_ROLES


@rules.predicate
def manages_agencies(user, authority) -> bool:
    return role_for(user, authority) in EDITOR_ROLES


VIEW = "planning.view_agencies"
MANAGE = "planning.manage_agencies"

rules.set_perm(VIEW, reads_agencies)
rules.set_perm(MANAGE, manages_agencies)
