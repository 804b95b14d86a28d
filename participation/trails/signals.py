"""A new incident report of a trail category gets its trail side (TrailReport): snapped onto
the nearest trail (snapping.py) and linked to the signpost named in its place description
(the QR label prefills "Wegweiser WW-…")."""

import re

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from participation.incidents.models import IncidentReport

from .apps import MODULE_CODE
from .models import Signpost, TrailCategory, TrailReport
from .snapping import nearest_trail

SIGNPOST_ID = re.compile(r"\bWW-[a-z0-9-]+-\d{4,}\b")


@receiver(post_save, sender=IncidentReport, dispatch_uid="trails_report_created")
def report_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not instance.authority.has_module(MODULE_CODE):
        return
    if not TrailCategory.objects.filter(category_id=instance.category_id).exists():
        return
    original = instance.location.clone()
    match = SIGNPOST_ID.search(instance.address or "")
    signpost = (Signpost.objects.filter(authority_id=instance.authority_id,
                                        public_id=match.group(0)).first() if match else None)
    found = nearest_trail(instance.authority, original)
    trail = distance = None
    if found is not None:
        trail, snapped, distance = found
        IncidentReport.objects.filter(pk=instance.pk).update(location=snapped)
        instance.location = snapped
    TrailReport.objects.create(report=instance, trail=trail, signpost=signpost,
                               original_location=original, snap_distance_m=distance)
    if trail is not None:  # the wardens of its sections hear of it (warden_mail.py)
        from .warden_mail import send_new_report

        transaction.on_commit(lambda: send_new_report(instance.pk))
