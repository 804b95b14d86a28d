"""Zip archives are checked as a whole before anything is extracted (SECURITY.md A2)."""

import io
import zipfile

import pytest
from django.utils import translation

from gis.archives import ArchiveLimits, safe_extract
from gis.errors import InputError


def build_zip(path, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for entry in entries:
            if isinstance(entry, tuple):
                archive.writestr(*entry)
            else:
                entry(archive)
    return path


DEFAULT_LIMITS = ArchiveLimits()


def refused(tmp_path, entries, fragment, limits=DEFAULT_LIMITS):
    source = build_zip(tmp_path / "upload.zip", entries)
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(InputError) as exc, translation.override("en"):
        safe_extract(source, target, limits)
    assert fragment in str(exc.value)
    assert list(target.rglob("*")) == [] or all(p.is_dir() for p in target.rglob("*"))
    return str(exc.value)


def test_extracts_a_normal_archive(tmp_path):
    source = build_zip(tmp_path / "a.zip", [("plan/a.shp", b"1"), ("plan/a.dbf", b"22")])
    out = tmp_path / "out"
    out.mkdir()
    extracted = safe_extract(source, out, ArchiveLimits())
    assert {k: v.read_bytes() for k, v in extracted.items()} == {"plan/a.shp": b"1", "plan/a.dbf": b"22"}


@pytest.mark.parametrize(
    "name", ["../../../../tmp/pwned.shp", "..\\..\\x.shp", "/etc/cron.d/x", "C:/x.shp", "a/../../b.shp"]
)
def test_zip_slip_is_refused_at_listing_time(tmp_path, name):
    refused(tmp_path, [("ok.shp", b"x"), (name, b"x")], name)
    assert not (tmp_path.parent / "pwned.shp").exists()


def test_symlink_entry_is_refused(tmp_path):
    def link(archive):
        info = zipfile.ZipInfo("plan.prj")
        info.create_system = 3
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")

    refused(tmp_path, [link], "symbolic link")


def test_bomb_is_refused_by_ratio_before_extraction(tmp_path):
    def bomb(archive):
        with archive.open("plan.dbf", "w", force_zip64=True) as f:
            for _ in range(64):
                f.write(b"\0" * (1 << 20))

    refused(tmp_path, [bomb], "zip bomb")


def test_total_size_limit(tmp_path):
    refused(tmp_path, [("a.shp", b"x" * 3000), ("b.shp", b"y" * 3000)], "unpacks to",
            ArchiveLimits(max_total_bytes=5000))


def test_declared_size_lie_stops_at_the_declared_size(tmp_path):
    source = tmp_path / "lie.zip"
    payload = b"A" * 100_000
    build_zip(source, [("data.dbf", payload)], compression=zipfile.ZIP_STORED)
    raw = bytearray(source.read_bytes())
    # Patch the uncompressed size in the central directory (offset 24 in the entry header).
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 24: cd + 28] = (1000).to_bytes(4, "little")
    source.write_bytes(bytes(raw))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError):
        safe_extract(source, out, ArchiveLimits())


def test_nested_archive_and_entry_flood_and_duplicates(tmp_path):
    refused(tmp_path, [("inner.zip", b"PK")], "nested archives")
    flood = [(f"f{i}.shp", b"") for i in range(30)]
    (tmp_path / "f").mkdir()
    refused(tmp_path / "f", flood, "30 entries", ArchiveLimits(max_entries=20))
    (tmp_path / "d").mkdir()
    refused(tmp_path / "d", [("plan.shp", b"1"), ("PLAN.SHP", b"2")], "more than once")


def test_control_characters_and_disallowed_types(tmp_path):
    refused(tmp_path, [("plan\u202efdp.shp", b"1")], "control or formatting")
    (tmp_path / "t").mkdir()
    refused(tmp_path / "t", [("plan.exe", b"1")], "not accepted",
            ArchiveLimits(allowed_suffixes=frozenset({".shp"})))


def test_not_a_zip(tmp_path):
    source = tmp_path / "x.zip"
    source.write_bytes(b"%PDF-1.7 not a zip")
    with pytest.raises(InputError, match="zip"), translation.override("en"):
        safe_extract(source, tmp_path, ArchiveLimits())


def test_overlapping_entries_are_refused(tmp_path):
    # Two central-directory entries pointing at the same local file data (quoted overlap).
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.dbf", b"x" * 5000)
    raw = bytearray(buf.getvalue())
    cd_start = raw.find(b"PK\x01\x02")
    eocd = raw.find(b"PK\x05\x06")
    entry = bytes(raw[cd_start:eocd]).replace(b"a.dbf", b"b.dbf")
    new = raw[:eocd] + entry + raw[eocd:]
    eocd = new.find(b"PK\x05\x06")
    new[eocd + 8: eocd + 10] = (2).to_bytes(2, "little")
    new[eocd + 10: eocd + 12] = (2).to_bytes(2, "little")
    new[eocd + 12: eocd + 16] = (len(entry) * 2).to_bytes(4, "little")
    source = tmp_path / "overlap.zip"
    source.write_bytes(bytes(new))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError):
        safe_extract(source, out, ArchiveLimits())
