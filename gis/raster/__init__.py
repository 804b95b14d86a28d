"""Raster plan scans: GeoTIFF or PNG/JPEG with a world file become Cloud Optimized GeoTIFFs in
the Web Mercator tile grid (ingest, run in gis.sandbox) and are served as XYZ tiles (tiles).

See docs/raster.md. Importing this package loads nothing heavy; the modules load GDAL.
"""
