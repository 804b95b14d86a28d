"""The supervised background worker: survives database outages, recovers abandoned tasks.

- supervised.py: `manage.py run_worker`, django-tasks-db's worker loop that reconnects with a
  growing delay instead of exiting when the database goes away;
- heartbeat.py: the worker's row in TaskWorker, refreshed by a thread (also during long tasks),
  which also runs the stale-task recovery periodically;
- recovery.py: RUNNING tasks whose worker died are retried (idempotent tasks) or failed
  visibly (`manage.py recover_stale_tasks`);
- policies.py: which task may run again and what marks its job failed when it is given up;
- outbox.py: queue a task as part of the transaction that made it necessary.

See docs/deploy.md ("Task worker").
"""
