"""Start-up of a process (docs/performance.md, "XPlanGML import start-up").

A fresh interpreter sets Django up and runs the system checks import_xplan asks for, the way
`manage.py import_xplan` starts. Neither may import the PDF, spreadsheet and ODF libraries (they
are imported where a receipt or an export is written) nor a view module (only the URL check
imports those, and import_xplan does not run it). The full `manage.py check` still imports the
URL configuration.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("fpdf", "openpyxl", "odf")

PROGRAM = r"""
import json, sys
import django
django.setup()
after_setup = sorted(sys.modules)
from django.core.management import load_command_class
command = load_command_class("planning", "import_xplan")
tags = command.requires_system_checks
command.check(tags=tags)
after_checks = sorted(sys.modules)
if sys.argv[1] == "all":
    command.check()
print(json.dumps({"setup": after_setup, "checks": after_checks, "all": sorted(sys.modules),
                  "tags": tags}))
"""


def _modules(which: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run([sys.executable, "-c", PROGRAM, which], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in HEAVY]


def _views(modules: list[str]) -> list[str]:
    return [name for name in modules if ".views" in name and name.split(".")[0] in (
        "planning", "participation", "portal", "partners", "dataprotection", "accounts_citizen")]


def test_setup_and_import_checks_import_no_export_library_and_no_view():
    found = _modules("command")
    assert found["tags"] == ["models"]
    assert _heavy(found["setup"]) == []
    assert _heavy(found["checks"]) == []
    assert _views(found["checks"]) == []


def test_the_full_check_still_loads_the_url_configuration():
    found = _modules("all")
    assert "planning.views.public" in found["all"]
