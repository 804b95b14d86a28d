import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from gis.checks import check_storage_srid
from portal import keys
from portal.slugs import german_slugify


@pytest.mark.parametrize("value", ["14511000", "01001000", "16077052"])
def test_valid_ags(value):
    keys.validate_ags(value)


@pytest.mark.parametrize("value", ["1451100", "145110000", "1451100A", "99511000", "00511000", ""])
def test_invalid_ags(value):
    with pytest.raises(ValidationError):
        keys.validate_ags(value)


@pytest.mark.parametrize("value", ["14511000000", "1451100000000", "17511000000X", "175110000000"])
def test_invalid_ars(value):
    with pytest.raises(ValidationError):
        keys.validate_ars(value)


def test_ags_is_the_ars_without_the_verband_digits():
    assert keys.ags_from_ars("146250010010") == "14625010"
    keys.validate_keys_match("14625010", "146250010010")
    with pytest.raises(ValidationError):
        keys.validate_keys_match("14625011", "146250010010")


def test_normalise_restores_lost_leading_zero():
    assert keys.normalise_ags(2000000) == "02000000"
    assert keys.normalise_ags(" 14511000 ") == "14511000"
    assert keys.normalise_ars("20000000000") == "020000000000"


def test_german_slugs():
    assert german_slugify("Görlitz, Stadt") == "goerlitz-stadt"
    assert german_slugify("Großröhrsdorf") == "grossroehrsdorf"
    assert german_slugify("Neukirchen/Pleiße") == "neukirchen-pleisse"


def test_storage_srid_check_passes_and_catches_a_mismatch():
    assert check_storage_srid() == []
    with override_settings(PORTAL_STORAGE_SRID=25833):
        errors = check_storage_srid()
    assert any(e.id == "portal_gis.E002" and "portal.Authority.jurisdiction" in e.msg for e in errors)
    with override_settings(PORTAL_STORAGE_SRID=4326):
        assert any(e.id == "portal_gis.E001" for e in check_storage_srid())


@pytest.mark.django_db
def test_database_columns_use_the_storage_srid():
    from django.core.management import call_command

    call_command("check", "--database", "default")  # raises SystemCheckError on mismatch
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT srid FROM geometry_columns WHERE f_table_name = %s", ["portal_authority"]
        )
        assert cursor.fetchone()[0] == 25832
