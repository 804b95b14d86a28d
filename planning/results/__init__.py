"""Communicating and publishing the weighing results (§3(2) BauGB: "das Ergebnis ist mitzuteilen").

Services: release.release_results, release.set_publication, release.mark_letters_posted.
Background: tasks.send_result_emails (django-tasks, enqueued after commit; delivery.py).
Selectors: readiness.check_readiness, status.release_status, publication.public_results /
public_results_geojson / plan_with_published_results, letters.render_letters.
What was decided is always read from planning.weighing.results.statement_results.
See docs/results.md.
"""
