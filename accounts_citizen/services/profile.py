"""The citizen's profile: created on first use, prefills forms."""

from ..models import CitizenProfile
from ..roles import is_staff_account


def profile_for(user) -> CitizenProfile:
    profile, _created = CitizenProfile.objects.get_or_create(user=user)
    return profile


def identity_initial(user) -> dict:
    """Initial values of the identity fields of a contribution form (statement form: name,
    street, postcode, city, email) for a signed-in citizen; {} for anyone else."""
    if user is None or not user.is_authenticated or is_staff_account(user):
        return {}
    profile = CitizenProfile.objects.filter(user=user).first()
    values = {"email": user.email}
    if profile is not None:
        values.update(name=profile.display_name, street=profile.street,
                      postcode=profile.postcode, city=profile.city)
    return {key: value for key, value in values.items() if value}
