from django.conf import settings


def portal(request):
    # embed: set while an embedded page is served (portal/embedding/views.py); base.html
    # then drops the portal's header and footer.
    return {"portal_name": settings.PORTAL_NAME, "embed": getattr(request, "embed", None)}
