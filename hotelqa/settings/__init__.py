"""Settings modules: `local` (development), `production`, `test`, all on `base`.

The WSGI entry point (`hotelqa/wsgi.py`) falls back to the production settings through
`use_default()`, which remembers the fallback: production settings refuse to start on it, so a
server runs only with `DJANGO_SETTINGS_MODULE` set on purpose, and never on development settings.
The Celery app has no fallback at all.
"""

import os

chosen_by_default = False


def use_default(module: str) -> None:
    """Use `module` unless DJANGO_SETTINGS_MODULE is set, and remember that it was not."""
    global chosen_by_default
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        os.environ["DJANGO_SETTINGS_MODULE"] = module
        chosen_by_default = True
