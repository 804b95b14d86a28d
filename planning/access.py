"""Staff of the owning authority may preview the layers of unpublished plans."""

from portal.tenancy import staff_authority_ids


def staff_may_read_plan_layer(user, layer) -> bool:
    link = getattr(layer, "plan_link", None)
    if link is None:
        return False
    return link.plan.authority_id in staff_authority_ids(user)
