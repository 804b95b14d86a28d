"""The child side of a bounded geometry repair (runs only inside gis.sandbox).

GEOS MakeValid is fast on ordinary mistakes but superlinear on crafted ones: a 201-vertex
"star" polygon took a minute (issue #9). gis.geometry_repair therefore runs it here, in the
sandbox child with a CPU limit, for all invalid geometries of one input at once.
"""

import json


def repair_wkb_file(*, source: str, out_path: str) -> dict:
    """Read hex EWKB lines from `source`, write one JSON line per geometry to `out_path`:
    {"wkb": hex EWKB of the repaired geometry} or {"error": "..."} when GEOS gives up."""
    from django.contrib.gis.geos import GEOSException, GEOSGeometry

    count = 0
    with open(source, encoding="ascii") as lines, open(out_path, "w", encoding="ascii") as out:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            try:
                geometry = GEOSGeometry(line)
                repaired = geometry.make_valid()
                repaired.srid = geometry.srid
                row = {"wkb": repaired.hexewkb.decode("ascii")}
            except (GEOSException, ValueError) as exc:
                row = {"error": str(exc)[:200]}
            out.write(json.dumps(row) + "\n")
            count += 1
    return {"count": count}
