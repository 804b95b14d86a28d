"""Development on one machine: `make run`. SpatiaLite, local files, console mail."""

import os

os.environ.setdefault("SECRET_KEY", "local-development-only-not-secret")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403
