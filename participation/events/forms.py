import uuid

from django import forms
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from gis.srid import storage_srid

from .models import RegistrationStatus


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"),
                             help_text=_("The confirmation and the ticket are sent here."))
    persons = forms.TypedChoiceField(label=_("Number of persons"), coerce=int)
    needs_sign_language = forms.BooleanField(
        label=_("I need a sign-language interpreter"), required=False)
    accessibility_needs = forms.CharField(
        label=_("Other accessibility needs (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example step-free access, an induction loop or large print."))
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, event, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].choices = [(n, str(n)) for n in range(1, event.max_persons + 1)]
        if not event.ask_sign_language:
            del self.fields["needs_sign_language"]
        if not event.ask_accessibility_needs:
            del self.fields["accessibility_needs"]
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.get_full_name()
            self.fields["email"].initial = user.email


class BerlinDateTimeField(forms.DateTimeField):
    """A date and time typed in Europe/Berlin (the calendar the authority speaks)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
                         **kwargs)


class EventForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Authority"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, max_length=20_000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    agenda = forms.CharField(label=_("Agenda"), required=False, max_length=20_000,
                             widget=forms.Textarea(attrs={"rows": 5}))
    accessibility = forms.CharField(label=_("Accessibility information"), required=False,
                                    max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = BerlinDateTimeField(label=_("Begins (date and time)"))
    ends_at = BerlinDateTimeField(label=_("Ends (date and time)"))
    registration_deadline = BerlinDateTimeField(
        label=_("Registration deadline (optional)"), required=False,
        help_text=_("Without a deadline, registration is possible until the event begins."))
    address = forms.CharField(label=_("Address of the place"), required=False, max_length=500)
    latitude = forms.FloatField(label=_("Latitude (optional, WGS84)"), required=False,
                                min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude (optional, WGS84)"), required=False,
                                 min_value=-180, max_value=180)
    online_url = forms.URLField(label=_("Online link"), required=False, max_length=200,
                                assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100_000)
    max_persons = forms.IntegerField(label=_("Persons per registration (at most)"),
                                     min_value=1, max_value=20, initial=4)
    related_procedure = forms.ModelChoiceField(
        label=_("Belongs to the procedure (optional)"), queryset=None, required=False)

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.models import Procedure

        self.fields["authority"].queryset = authorities
        self.fields["related_procedure"].queryset = Procedure.objects.filter(
            authority__in=authorities).exclude(kind="event").order_by("title")
        if len(authorities) == 1:
            self.fields["authority"].initial = authorities[0].pk

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it begins."))
        deadline = data.get("registration_deadline")
        if starts and deadline and deadline > starts:
            self.add_error("registration_deadline",
                           _("The registration deadline must not be after the beginning."))
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        elif lat is not None:
            point = Point(lon, lat, srid=4326)
            point.transform(storage_srid())
            data["location"] = point
        if not data.get("address") and not data.get("online_url") and lat is None:
            self.add_error("address", _("Give an address, a place on the map or an online "
                                        "link."))
        procedure = data.get("related_procedure")
        authority = data.get("authority")
        if procedure and authority and procedure.authority_id != authority.pk:
            self.add_error("related_procedure",
                           _("The procedure belongs to another authority."))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("latitude", None), data.pop("longitude", None)
        return data


class BroadcastForm(forms.Form):
    recipients = forms.MultipleChoiceField(
        label=_("Recipients"), widget=forms.CheckboxSelectMultiple,
        choices=[(RegistrationStatus.CONFIRMED, _("confirmed registrations")),
                 (RegistrationStatus.WAITING, _("waiting list"))],
        initial=[RegistrationStatus.CONFIRMED])
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), max_length=20_000,
                           widget=forms.Textarea(attrs={"rows": 8}))


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Ticket code"), max_length=200,
                            help_text=_("The text under the QR code, or scanned."))


class NameSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=200, min_length=2)


