import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    # A request in Chinese leaves Chinese active in the thread; service code outside a request
    # (jobs) runs in the default language, so each test starts from it.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
