"""Creating and placing signposts: the stable public ID and the trails they stand on."""

from django.db import IntegrityError, transaction
from django.db.models import Max

from ..models import Signpost, Trail

#: A signpost belongs to every trail of its authority within this distance (metres).
SIGNPOST_TRAIL_TOLERANCE_M = 25.0


def public_id(authority, number: int) -> str:
    return f"WW-{authority.slug}-{number:04d}"


def trails_near(authority, point, tolerance_m: float = SIGNPOST_TRAIL_TOLERANCE_M):
    return Trail.objects.filter(authority=authority,
                                geometry__dwithin=(point, tolerance_m))


def save_signpost(signpost: Signpost) -> Signpost:
    """Save (numbering a new one) and set its trails from its location."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                if signpost.pk is None:
                    last = (Signpost.objects.filter(authority=signpost.authority)
                            .aggregate(last=Max("number"))["last"] or 0)
                    signpost.number = last + 1
                    signpost.public_id = public_id(signpost.authority, signpost.number)
                signpost.save()
                signpost.trails.set(trails_near(signpost.authority, signpost.location))
                return signpost
        except IntegrityError:  # a concurrent signpost took the number: take the next one
            signpost.pk = None
    raise IntegrityError("no free signpost number")
