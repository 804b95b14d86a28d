"""A check-in function as the events module will provide one (settings
PORTAL_LIVE_VOTING_CHECK_IN): here, a cookie "ticket" with the value "eingecheckt"."""


def cookie_ticket(request, session) -> bool:
    return request.COOKIES.get("ticket") == "eingecheckt"
