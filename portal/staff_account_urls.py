"""/accounts/zweiter-faktor/...: the second step of the staff sign-in (docs/accounts.md)."""

from django.urls import path

from .views import staff_account

app_name = "staff_account"

urlpatterns = [
    path("zweiter-faktor/", staff_account.second_factor, name="second-factor"),
    path("zweiter-faktor/einrichten/", staff_account.second_factor_setup,
         name="second-factor-setup"),
    path("zweiter-faktor/wiederherstellungscodes/", staff_account.recovery_codes,
         name="recovery-codes"),
]
