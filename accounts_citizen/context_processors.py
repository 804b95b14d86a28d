from .roles import is_staff_account


def citizen(request):
    """`is_citizen`: a signed-in user who is not staff (the header shows "My account")."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_citizen": False}
    return {"is_citizen": not is_staff_account(user)}
