"""Exports of the weighing table (Abwägungstabelle): PDF, XLSX, ODS, CSV, GeoPackage, GeoJSON.

- rows.py: the common row builder (one Entry per statement, from the weighing read model)
- submitters.py: internal labels, public numbers, redaction of own identifiers
- tabular.py: columns and rows of the spreadsheet formats, the formula guard
- pdf.py, xlsx.py, ods.py, csv_format.py, gpkg.py, geojson.py (+ vector.py): the formats
- formats.py: the format registry and write_export()
- jobs.py: export jobs, the runner and its background task

See docs/exports.md.
"""
