"""GDAL configuration that keeps untrusted files from reaching the network or other files.

GDAL honours GDAL_SKIP/OGR_SKIP only when it registers its drivers, so these options must be in
the process environment before libgdal is first used. settings/base.py calls
`harden_gdal_environment()` first thing; the values are documented in docs/security.md.
"""

import os

# Drivers that can reference other files or URLs from inside a file, or talk to services.
# GDAL_SKIP covers raster and vector drivers (one driver manager since GDAL 2); names must exist
# in the installed GDAL (3.6 on Debian 12), or GDAL prints an error for each unknown one.
SKIPPED_DRIVERS = (
    "VRT DERIVED WMS WMTS WCS HTTP PLMosaic DAAS NGW OGCAPI STACIT STACTA OGR_VRT WFS OAPIF "
    "Elasticsearch AmigoCloud Carto CSW GMLAS PLSCENES EEDA EEDAI ESRIC"
)

HARDENED_OPTIONS = {
    "GDAL_SKIP": SKIPPED_DRIVERS,
    # Block /vsicurl/ and friends: only this (non-existent) URL may be opened.
    "CPL_VSIL_CURL_ALLOWED_FILENAME": "/nonexistent-network-access-disabled",
    # Belt and braces: any HTTP GDAL still tries goes to a closed local port.
    "GDAL_HTTP_PROXY": "127.0.0.1:9",
    "GDAL_HTTPS_PROXY": "127.0.0.1:9",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    # No sibling probing (.aux.xml, .ovr, ...) and no side-car files written.
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "GDAL_PAM_ENABLED": "NO",
    # XML-driven downloads of the GML driver.
    "GML_SKIP_RESOLVE_ELEMS": "ALL",
    "GML_DOWNLOAD_WFS_SCHEMA": "NO",
    "OGR_GEOJSON_MAX_OBJ_SIZE": "200",
}


def harden_gdal_environment() -> None:
    """Put the hardened options into the process environment (existing values win)."""
    for key, value in HARDENED_OPTIONS.items():
        os.environ.setdefault(key, value)
