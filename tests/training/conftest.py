import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    # The Chinese page tests need the .mo files, which are build artefacts (not committed).
    call_command("compile_translations", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()
