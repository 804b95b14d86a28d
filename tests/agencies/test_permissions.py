"""The role matrix of the agency permissions (planning/agencies/permissions.py)."""

import pytest

from planning.agencies import permissions
from portal.models import Role

from ..factories import make_authority, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "can_view", "can_manage"), [
    (Role.ADMIN, True, True),
    (Role.PLANNER, True, True),
    (Role.MODERATOR, True, False),
    (Role.VIEWER, True, False),
    (None, False, False),
])
def test_role_matrix(role, can_view, can_manage):
    authority = make_authority()
    other = make_authority()
    user = make_staff(authority, role) if role else make_user()
    assert user.has_perm(permissions.VIEW, authority) is can_view
    assert user.has_perm(permissions.MANAGE, authority) is can_manage
    assert user.has_perm(permissions.VIEW, other) is False
    assert user.has_perm(permissions.MANAGE, other) is False


def test_district_admin_manages_the_agencies_of_its_towns():
    district = make_authority(kind="district", ags="14626000")
    town = make_authority(parent=district)
    assert make_staff(district, Role.ADMIN).has_perm(permissions.MANAGE, town)
    assert not make_staff(district, Role.PLANNER).has_perm(permissions.MANAGE, town)
