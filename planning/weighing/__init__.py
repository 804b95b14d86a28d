"""Weighing (Abwägung): grouping, sections, decisions and what each statement's result is.

Writes: decisions.decide, grouping.group_identical / confirm_group / remove_from_group,
sections.split_statement. Reads: results.statement_results (the one source of truth for the
workbench, exports, letters and the public result page).
"""
