"""URLconf for the tests of the development /media/ route (DEBUG is off in tests)."""

from portal.views.public_media import public_media_urlpatterns

urlpatterns = public_media_urlpatterns()
