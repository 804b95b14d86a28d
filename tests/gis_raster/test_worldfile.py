"""World files: tolerant of real-world formatting, strict about content, half-pixel aware."""

import pytest

from gis.errors import InputError
from gis.raster.worldfile import WorldFile, parse_world_file, read_world_file

PLAIN = b"0.25\n0.0\n0.0\n-0.25\n552874.125\n5935085.625\n"


def test_plain_world_file():
    world = parse_world_file(PLAIN)
    assert world == WorldFile(0.25, 0.0, 0.0, -0.25, 552874.125, 5935085.625)
    assert not world.is_rotated


def test_geotransform_moves_from_pixel_centre_to_corner():
    world = parse_world_file(PLAIN)
    # The world file names the CENTRE of the upper-left pixel; GDAL wants its corner.
    assert world.geotransform() == (552874.0, 0.25, 0.0, 5935085.75, 0.0, -0.25)


def test_decimal_commas_bom_crlf_blank_lines_and_spaces():
    data = (
        b"\xef\xbb\xbf  0,25\r\n\r\n0\r\n0,0\r\n-0,25 \r\n552874,125\r\n\t5935085,625\r\n\r\n\r\n"
    )
    assert parse_world_file(data) == parse_world_file(PLAIN)


def test_exponents_and_old_mac_line_ends():
    data = b"2.5E-01\r0\r0\r-2.5e-1\r5.52874125e5\r5935085.625"
    assert parse_world_file(data) == parse_world_file(PLAIN)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"0.25\n0\n0\n-0.25\n552874,125.5\n5935085\n", 5),  # two separators
        (b"0.25\n0\n0\n-0.25\n552.874,1\n5935085\n", 5),  # thousands dot
        (b"0.25\n0\nzero\n-0.25\n552874\n5935085\n", 3),
        (b"0.25\n0\n0\n-0.25\n552874 5935085\n5935085\n", 5),  # two numbers on a line
        (b"0.25 # pixel\n0\n0\n-0.25\n552874\n5935085\n", 1),  # comment
        (b"nan\n0\n0\n-0.25\n552874\n5935085\n", 1),
        (b"0.25\n0\n0\n-0.25\n1_000\n5935085\n", 5),  # float() would accept this
        (b"0.25\n0\n0\n-0.25\n552874\n5935085\n7\n", 7),  # a seventh value
        (b"0.25\n0\n0\n\n\n-0.25\n552874\n5935085\n1e999\n", 9),
    ],
)
def test_refusals_name_the_line(data, line):
    with pytest.raises(InputError) as caught:
        parse_world_file(data)
    assert caught.value.location == f"line {line}"


def test_non_ascii_is_refused_with_its_line():
    with pytest.raises(InputError) as caught:
        parse_world_file("0.25\n0\n0\n-0.25\n552874\n5935085°\n".encode())
    assert caught.value.location == "line 6"


def test_too_few_values():
    with pytest.raises(InputError, match="has 4 values; it needs six"):
        parse_world_file(b"0.25\n0\n0\n-0.25\n")


def test_utf16_is_refused_clearly():
    with pytest.raises(InputError, match="UTF-16"):
        parse_world_file(PLAIN.decode().encode("utf-16"))


def test_overlong_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "plan.pgw"
    path.write_bytes(PLAIN + b"\n" * 10_000)
    with pytest.raises(InputError, match="at most 4096 bytes"):
        read_world_file(path)


@pytest.mark.parametrize(
    "data",
    [
        b"0\n0\n0\n-0.25\n552874\n5935085\n",  # zero pixel width
        b"0.25\n0\n0\n0\n552874\n5935085\n",  # zero pixel height
        b"0.25\n0.25\n0.25\n0.25\n552874\n5935085\n",  # rotation cancels the area
    ],
)
def test_degenerate_pixels_are_refused(data):
    with pytest.raises(InputError):
        parse_world_file(data)


def test_rotation_terms_are_supported():
    # 90 degrees rotated: x grows down the rows, y grows along the columns.
    world = parse_world_file(b"0\n0.5\n0.5\n0\n1000\n2000\n")
    assert world.is_rotated
    x0, a, b, y0, d, e = world.geotransform()
    assert (x0, y0) == (999.75, 1999.75)
    assert (a, b, d, e) == (0.0, 0.5, 0.5, 0.0)


def test_read_world_file_from_disk(tmp_path):
    path = tmp_path / "plan.jgw"
    path.write_bytes(PLAIN.replace(b".", b","))
    assert read_world_file(path) == parse_world_file(PLAIN)
