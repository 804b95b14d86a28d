"""Who may do what in the partner area: the state operator (superuser) everything; a
partner's administrators their own partner and the authorities of its Land; nobody else
anything (404, so the existence of other Länder's objects is not revealed)."""

from django.http import Http404

from portal.models import Authority

from .models import StatePartner


def partners_of(user):
    if not getattr(user, "is_authenticated", False):
        return StatePartner.objects.none()
    if user.is_superuser:
        return StatePartner.objects.all()
    return StatePartner.objects.filter(admins__user=user)


def may_open_partner_area(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or partners_of(user).exists()


def partner_for(user, pk) -> StatePartner:
    partner = partners_of(user).filter(pk=pk).first()
    if partner is None:
        raise Http404
    return partner


def authorities_of(partner: StatePartner):
    return Authority.objects.filter(ags__startswith=partner.land_key)


def authority_for(partner: StatePartner, pk) -> Authority:
    authority = authorities_of(partner).filter(pk=pk).first()
    if authority is None:
        raise Http404
    return authority
