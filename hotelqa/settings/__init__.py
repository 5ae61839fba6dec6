"""Settings modules: `local` (development), `production`, `test`, all on `base`.

The entry points that servers run (`hotelqa/wsgi.py`, `hotelqa/celery.py`) fall back to a module
through `use_default()`, which remembers the fallback: production settings refuse to start on it,
so a production process runs only with `DJANGO_SETTINGS_MODULE` set on purpose.
"""

import os

chosen_by_default = False


def use_default(module: str) -> None:
    """Use `module` unless DJANGO_SETTINGS_MODULE is set, and remember that it was not."""
    global chosen_by_default
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        os.environ["DJANGO_SETTINGS_MODULE"] = module
        chosen_by_default = True
