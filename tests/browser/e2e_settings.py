"""The portal as a visitor meets it, for the browser tests: development
settings with DEBUG off, so error pages are the real 400/404 pages
(runserver --insecure still serves the static files)."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
