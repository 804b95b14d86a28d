"""Who may use the DSGVO assistant: the admins of an authority (and of its parents)."""

from django.shortcuts import get_object_or_404

from portal.models import Authority
from portal.models.membership import Role


def administered(user):
    """The authorities `user` administers (a foreign or unknown one is simply not in it)."""
    return Authority.objects.for_staff(user, roles={Role.ADMIN})


def administers_somewhere(user) -> bool:
    return administered(user).exists()


def administered_authority(user, pk: int) -> Authority:
    """The authority `pk` if `user` administers it, else 404."""
    return get_object_or_404(administered(user), pk=pk)


#: Who writes a procedure's privacy notice and works through its checklist.
PROCEDURE_ROLES = {Role.ADMIN, Role.PLANNER}


def staffed_procedure(user, pk: int):
    """The procedure `pk` if `user` is admin or planner of its authority, else 404."""
    from portal.models import Procedure

    authorities = Authority.objects.for_staff(user, roles=PROCEDURE_ROLES)
    return get_object_or_404(Procedure.objects.filter(authority__in=authorities)
                             .select_related("authority"), pk=pk)


def staffed_authority(user, pk: int) -> Authority:
    return get_object_or_404(Authority.objects.for_staff(user, roles=PROCEDURE_ROLES), pk=pk)
