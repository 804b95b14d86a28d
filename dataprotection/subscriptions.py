"""Subscriptions to an authority's area (participation.subscriptions) that were never
confirmed. The module deletes them itself after its confirmation period when its sending
command runs; this rule is the authority's own limit on top (a subscription that is cancelled
is deleted at once by the module, so nothing of it is left to retain)."""

from django.db import transaction

from . import data_types


def _unconfirmed_due(authority, cutoff):
    from participation.subscriptions.models import Subscription

    return Subscription.objects.filter(authority=authority, confirmed_at__isnull=True,
                                       created_at__lte=cutoff)


def delete_subscriptions(subscriptions) -> int:
    from participation.subscriptions.models import Subscription

    pks = list(subscriptions.values_list("pk", flat=True))
    with transaction.atomic():
        Subscription.objects.filter(pk__in=pks).delete()
    return len(pks)


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    data_types.register(data_types.DataType(
        "unconfirmed_subscriptions", _("Unconfirmed subscriptions (e-mail address)"), 1,
        _("after the subscription was requested"), _("deleted"), _unconfirmed_due,
        delete_subscriptions, order=90))
