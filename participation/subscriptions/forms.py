"""The subscribe form: an e-mail address, an area in one of four ways, topics and frequency.

Non-map ways first (docs/subscriptions.md): an address (through the geocoder or the local
address index, where one is available), a municipality, or latitude/longitude, each with a
radius; the drawn polygon is a GeoJSON text area with a drawing map in front of it (the same
widget as the plan form), parsed by the guarded GeoJSON input.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError
from planning.forms.area import AreaField, AreaMapWidget
from portal import geocoding
from portal.models import Authority

from . import areas, topics
from .models import Frequency

ADDRESS, POINT, MUNICIPALITY, DRAWN = "address", "point", "municipality", "drawn"


class SubscriptionAreaWidget(AreaMapWidget):
    """The drawing map, worded for a subscription's area."""

    template_name = "subscriptions/area_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["config"]["text"].update({
            "drawn": _("The drawn area has %(count)s part(s)."),
            "empty": _("No area is drawn."),
            "invalid": _("The text is not a GeoJSON area; the map shows the last valid area."),
            "loaded": _("The map shows the area from the text field."),
        })
        return context


class SubscriptionAreaField(AreaField):
    """GeoJSON polygons (WGS84); the messages name the subscription's area."""

    widget = SubscriptionAreaWidget
    SPECIFIC_CODES = ("geometry", "too_many_points", "self_intersection")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            if exc.code in self.SPECIFIC_CODES:
                raise
            if exc.code == "not_polygon":
                raise forms.ValidationError(_("The area must consist of polygons."),
                                            code=exc.code) from exc
            raise forms.ValidationError(_("The area is not valid GeoJSON of polygons."),
                                        code=exc.code or "invalid") from exc


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"), max_length=254)
    area_kind = forms.ChoiceField(
        label=gettext_lazy("How do you want to choose the area?"), widget=forms.RadioSelect,
        choices=[(ADDRESS, gettext_lazy("An address and a radius")),
                 (MUNICIPALITY, gettext_lazy("A whole municipality")),
                 (POINT, gettext_lazy("Latitude, longitude and a radius")),
                 (DRAWN, gettext_lazy("An area drawn on the map"))])
    address = forms.CharField(label=gettext_lazy("Address"), max_length=200, required=False,
                              help_text=gettext_lazy("For example: Hauptstraße 1, 01067 Dresden"))
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), required=False, to_field_name="slug",
        queryset=Authority.objects.none(), empty_label=gettext_lazy("– choose –"))
    latitude = forms.FloatField(label=gettext_lazy("Latitude (WGS84, e.g. 51.05)"),
                                required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=gettext_lazy("Longitude (WGS84, e.g. 13.74)"),
                                 required=False, min_value=-180, max_value=180)
    radius = forms.IntegerField(
        label=gettext_lazy("Radius in metres"), initial=500, required=False,
        min_value=areas.MIN_RADIUS, max_value=areas.MAX_RADIUS,
        help_text=gettext_lazy("Between 50 m and 20,000 m (20 km)."))
    drawn = SubscriptionAreaField(
        label=gettext_lazy("Drawn area (GeoJSON polygon in WGS84)"),
        help_text=gettext_lazy("At most about 1,250 km²."))
    topics = forms.MultipleChoiceField(label=gettext_lazy("What do you want to hear about?"),
                                       widget=forms.CheckboxSelectMultiple)
    frequency = forms.ChoiceField(label=gettext_lazy("How often?"), widget=forms.RadioSelect,
                                  choices=Frequency.choices, initial=Frequency.IMMEDIATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.address_available = geocoding.address_search_available()
        self.fields["municipality"].queryset = Authority.objects.active().filter(
            jurisdiction__isnull=False).order_by("name")
        self.fields["topics"].choices = topics.choices()
        self.fields["topics"].initial = [code for code, _label in topics.choices()]
        kinds = self.fields["area_kind"].choices
        if not self.address_available:
            self.fields["area_kind"].choices = [c for c in kinds if c[0] != ADDRESS]
            del self.fields["address"]
        self.fields["area_kind"].initial = self.fields["area_kind"].choices[0][0]

    def clean(self):
        data = super().clean()
        kind = data.get("area_kind")
        try:
            if kind == ADDRESS:
                self._from_address(data)
            elif kind == POINT:
                self._from_point(data)
            elif kind == MUNICIPALITY:
                self._from_municipality(data)
            elif kind == DRAWN:
                self._from_drawing(data)
        except InputError as exc:
            raise forms.ValidationError(exc.message) from exc
        return data

    def _radius(self, data) -> int | None:
        """The radius, or None with an error on the field."""
        radius = data.get("radius")
        if radius is None and "radius" not in self.errors:
            self.add_error("radius", _("Please enter a radius in metres."))
        return radius

    def _from_address(self, data) -> None:
        text = (data.get("address") or "").strip()
        if not text:
            self.add_error("address", _("Please enter an address."))
            return
        radius = self._radius(data)
        if radius is None:
            return
        try:
            found = geocoding.geocode(text)
        except geocoding.GeocodingError as exc:
            self.add_error("address", str(exc))
            return
        if found is None:
            self.add_error("address", _("This address was not found. Please check it, or choose the area another way."))
            return
        data["area"] = areas.circle(found.lon, found.lat, radius)
        data["area_label"] = _("%(radius)d m around %(address)s") % {
            "radius": radius, "address": found.label[:200]}

    def _from_point(self, data) -> None:
        lat, lon = data.get("latitude"), data.get("longitude")
        if lat is None or lon is None:
            for name in ("latitude", "longitude"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Please enter latitude and longitude."))
            return
        radius = self._radius(data)
        if radius is None:
            return
        data["area"] = areas.circle(lon, lat, radius)
        data["area_label"] = _("%(radius)d m around %(lat).5f, %(lon).5f") % {
            "radius": radius, "lat": lat, "lon": lon}

    def _from_municipality(self, data) -> None:
        authority = data.get("municipality")
        if authority is None:
            if "municipality" not in self.errors:
                self.add_error("municipality", _("Please choose a municipality."))
            return
        data["area"] = areas.as_multi(authority.jurisdiction)
        data["area_label"] = authority.name
        data["authority"] = authority

    def _from_drawing(self, data) -> None:
        geometry = data.get("drawn")
        if geometry is None:
            if "drawn" not in self.errors:
                self.add_error("drawn", _("Please draw an area on the map or enter it as GeoJSON."))
            return
        data["area"] = areas.drawn(geometry)
        data["area_label"] = _("an area drawn on the map")
