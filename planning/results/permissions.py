"""Who may do what with the results of a plan (django-rules), tested as a role matrix.

The object is a Plan (anything with the authority's id).

| permission                | admin | planner | moderator | viewer | no role / other tenant |
|---------------------------|-------|---------|-----------|--------|------------------------|
| planning.view_results     | yes   | yes     | yes       | yes    | no (404)               |
| planning.release_results  | yes   | yes     | no        | no     | no (404)               |

`release_results` covers releasing, (un)publishing and the letters (they hold addresses).
"""

import rules

from ..rules import is_plan_editor
from ..statements.permissions import reads_statements

for _name, _predicate in (
    ("planning.view_results", reads_statements),
    ("planning.release_results", is_plan_editor),
):
    if not rules.perm_exists(_name):
        rules.add_perm(_name, _predicate)
