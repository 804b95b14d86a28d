"""The test settings with one read replica: a TEST MIRROR of the default database (the same
database under a second alias and connection), the router and its middleware. Used only by
the run that test_replicas.py starts; the suite's own settings have no replica."""

import copy

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, MIDDLEWARE

_default = DATABASES["default"]
if _default["ENGINE"].endswith("postgis"):
    # Beside the test database of the run that started this one.
    _default.setdefault("TEST", {})["NAME"] = f"test_{_default['NAME']}_replica"
DATABASES["replica"] = {**copy.deepcopy(_default), "TEST": {"MIRROR": "default"},
                        "REPLICA_OF": "default"}
DATABASE_ROUTERS = ["portal.operations.replicas.ReplicaRouter"]
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "portal.operations.replicas.ReplicaReadMiddleware")
