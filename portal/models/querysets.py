"""Querysets that scope tenant data to what a user may see."""

from django.db import models


class AuthorityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_staff(self, user, roles=None):
        """Authorities where `user` has one of `roles` (any role if None).

        An admin of an authority also administers its descendants (a state partner owns the
        authorities of its state). Superusers (state operators) see all.
        """
        from ..tenancy import staff_authority_ids

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=staff_authority_ids(user, roles))
