"""Public agencies (Träger öffentlicher Belange) in the §4 BauGB phases.

One concept per module (docs/agencies.md):

- ``register``: the agency register of an authority (create, update; e-mails and topics).
- ``area``: reading a responsibility area from a polygon file.
- ``phases``: which phases take agencies, and looking them up for staff.
- ``proposal``: proposing agencies for a phase (spatial query in SQL), adding and removing.
- ``tokens``: the secret of a personal link, its SHA-256, and resolving a link.
- ``invitations``: sending invitations (on commit, by a task) and renewing a link.
- ``mail``: the invitation and reminder e-mails.
- ``reminders``: one reminder per invitation before the period ends.
- ``submission``: an agency's statement through the shared statement service.
- ``overview``: who was invited, answered, reminded.
- ``csv_import``: importing agencies from a CSV file.
- ``tasks``: the background tasks.
- ``permissions``: declarative rules (who may read and edit).
"""
