"""Functions the sandbox tests run inside the child (allowed only temporarily, in tests)."""

import os
import resource
import socket
import time

from gis.errors import InputError


def environment() -> dict:
    """What the child sees: its GDAL drivers, limits and environment."""
    from osgeo import gdal

    return {
        "vrt_driver": gdal.GetDriverByName("VRT") is not None,
        "gtiff_driver": gdal.GetDriverByName("GTiff") is not None,
        "gdal_skip": os.environ.get("GDAL_SKIP", ""),
        "curl_allowed": os.environ.get("CPL_VSIL_CURL_ALLOWED_FILENAME"),
        "readdir": os.environ.get("GDAL_DISABLE_READDIR_ON_OPEN"),
        "pam": os.environ.get("GDAL_PAM_ENABLED"),
        "proxy": os.environ.get("GDAL_HTTP_PROXY"),
        "rlimit_as": resource.getrlimit(resource.RLIMIT_AS)[0],
        "rlimit_cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
        "gdal_threads": os.environ.get("GDAL_NUM_THREADS"),
        "secret_key_visible": "SECRET_KEY" in os.environ or "DATABASE_URL" in os.environ,
    }


def connect(port: int) -> dict:
    """Try to reach a TCP server on the host's loopback interface."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return {"connected": True, "error": ""}
    except OSError as exc:
        return {"connected": False, "error": type(exc).__name__}


def open_with_any_driver(path: str) -> dict:
    """Open a file with every driver GDAL has registered (no allow-list), read a pixel."""
    from osgeo import gdal

    gdal.UseExceptions()
    try:
        dataset = gdal.Open(path)
        dataset.GetRasterBand(1).ReadRaster(0, 0, 1, 1)
        return {"opened": True, "driver": dataset.GetDriver().ShortName}
    except RuntimeError as exc:
        return {"opened": False, "error": str(exc)[:200]}


def sleep(seconds: float) -> dict:
    time.sleep(seconds)
    return {"slept": seconds}


def spin(seconds: float) -> dict:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return {"spun": seconds}


def allocate(megabytes: int) -> dict:
    block = bytearray(megabytes * 1024 * 1024)
    return {"allocated": len(block)}


def refuse(message: str, location: str | None = None) -> dict:
    raise InputError(message, location=location)


def crash() -> dict:
    os.abort()


def fail() -> dict:
    raise RuntimeError("an unexpected bug")


def echo(**kwargs) -> dict:
    return kwargs


def language() -> dict:
    from django.utils import translation

    return {"language": translation.get_language()}
