"""URLconf for the tests of the development /media/ route (DEBUG is off in tests): the portal's
URLs with the development media route in front, so the 404 page renders as in development."""

from config.urls import urlpatterns as portal_urlpatterns
from portal.views.public_media import public_media_urlpatterns

urlpatterns = [*public_media_urlpatterns(), *portal_urlpatterns]
