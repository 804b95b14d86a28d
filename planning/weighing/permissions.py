"""Who may weigh: admins and planners of the plan's authority; moderators and viewers read."""

import rules

from ..rules import has_plan_role, is_plan_editor

rules.add_perm("planning.weigh", is_plan_editor)
rules.add_perm("planning.view_weighing", has_plan_role)
