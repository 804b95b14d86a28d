"""XPlanGML import against GDAL's GML driver loading the same file into the same database.

The largest sample, the FNP XPlanArchiv (1,031 features, 2 MB of GML), is imported with
planning.xplan_import.import_xplan (read in the sandbox; and, for comparison, read in-process)
and its xplan.gml is loaded with `ogr2ogr` (GML driver -> PostgreSQL, one table per class, in a
scratch schema of the same test database; on SpatiaLite into a scratch SQLite file, since the
test database lives in memory). ogr2ogr is the floor: it parses and inserts, but does not
validate, reproject to the storage SRID, group, style, keep the attributes as JSON, or write the
plan, its procedure and its record. Reading alone (sandboxed) is measured too.

On PostGIS the command line is measured as well, as an operator runs it: `manage.py import_xplan
FILE --authority SLUG` in a new process (Django's start-up, the command's system checks, the
import in the sandbox), and its fixed start-up alone (the same command for a missing file: it
stops after the checks and one query). ogr2ogr is a new process each time too. No assertions.

Run: DATABASE_URL=postgis://... python -m bench.xplan_import   (default: the PostGIS test DB)
     DATABASE_URL=spatialite:///var/bench.sqlite3 python -m bench.xplan_import
"""

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ._support import ROOT, SHARED, bench_database, database_url, measure, report, setup_django

SAMPLE = SHARED / "data" / "xplan" / "xplanbox__FNP_Test_60__fp60_archive.zip"
REPEAT = 7
SCRATCH_SCHEMA = "bench_ogr"


def _cli(connection, *arguments: str):
    """`manage.py import_xplan …` in a new process on the benchmark's database."""
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test",
                        "DATABASE_URL": database_url(connection)}

    def run(expect: int = 0):
        done = subprocess.run([sys.executable, "manage.py", "import_xplan", *arguments],
                              cwd=ROOT, env=env, capture_output=True, timeout=600, check=False)
        if done.returncode != expect:
            raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])
    return run


def _ogr_command(connection, gml: Path, scratch: Path) -> tuple[list[str], dict]:
    env = dict(os.environ)
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        target = (f"PG:host={settings.get('HOST') or 'localhost'} "
                  f"port={settings.get('PORT') or 5432} dbname={settings['NAME']} "
                  f"user={settings.get('USER') or ''}")
        env["PGPASSWORD"] = settings.get("PASSWORD") or ""
        return ["ogr2ogr", "-f", "PostgreSQL", target, str(gml), "-overwrite",
                "-lco", f"SCHEMA={SCRATCH_SCHEMA}", "-lco", "OVERWRITE=YES", "-lco", "SPATIAL_INDEX=NONE",
                "--config", "PG_USE_COPY", "YES"], env
    target = scratch / "ogr.sqlite"
    return ["ogr2ogr", "-f", "SQLite", str(target), str(gml), "-overwrite",
            "-dsco", "SPATIALITE=YES"], env


def main() -> None:
    if not SAMPLE.is_file():
        print(f"skipped: {SAMPLE} is absent (../shared/data)")
        return
    if shutil.which("ogr2ogr") is None:
        print("skipped: ogr2ogr (gdal-bin) is not installed")
        return
    setup_django()
    from django.db import connection
    from django.test import override_settings

    from gis.models import Feature
    from planning.models import Plan
    from planning.xplan_import import import_xplan
    from planning.xplan_import.reading import read_document
    from portal.models import Authority

    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-xplan-") as tmp:
        scratch = Path(tmp)
        with zipfile.ZipFile(SAMPLE) as archive:
            archive.extract("xplan.gml", scratch)
        gml = scratch / "xplan.gml"
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {SCRATCH_SCHEMA}")
        authority = Authority.objects.create(name="Bench", slug="bench-xplan", kind="other")
        command, env = _ogr_command(connection, gml, scratch)

        def ogr2ogr():
            for gfs in scratch.glob("*.gfs"):  # no cached schema: the driver scans every time
                gfs.unlink()
            done = subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
            if done.returncode:
                raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])

        def import_sandboxed():
            report = import_xplan(SAMPLE, authority=authority)
            assert not report["errors"], report["errors"]

        def import_in_process():
            with override_settings(PORTAL_XPLAN_READ_IN_SANDBOX=False):
                import_sandboxed()

        def read_only():
            with tempfile.TemporaryDirectory(dir=scratch) as work:
                read_document(SAMPLE, work_dir=Path(work))

        results = {
            "ogr2ogr GML -> database (floor)": measure(ogr2ogr, repeat=REPEAT, warmup=1),
        }
        if connection.vendor == "postgresql":  # the SpatiaLite test database is in memory
            cli = _cli(connection, str(SAMPLE), "--authority", authority.slug)
            start_up = _cli(connection, str(scratch / "missing.zip"), "--authority",
                            authority.slug)
            results |= {
                "manage.py import_xplan (CLI)": measure(cli, repeat=REPEAT, warmup=1),
                "CLI start-up only (missing file)": measure(lambda: start_up(expect=2),
                                                            repeat=REPEAT, warmup=1),
            }
        results |= {
            "import_xplan, read in sandbox": measure(import_sandboxed, repeat=REPEAT, warmup=1),
            "import_xplan, read in-process": measure(import_in_process, repeat=REPEAT, warmup=1),
            "read only (sandbox), no writes": measure(read_only, repeat=REPEAT, warmup=1),
        }
        plans = Plan.objects.count()
        features = Feature.objects.count() // max(plans, 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA {SCRATCH_SCHEMA} CASCADE")
        report(f"XPlanGML import of {SAMPLE.name} ({features} map features per import, "
               f"{connection.vendor})", "ogr2ogr GML -> database (floor)", results)


if __name__ == "__main__":
    main()
