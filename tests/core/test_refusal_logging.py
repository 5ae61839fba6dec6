"""A refused request is one line in the log, not a traceback."""

import io
import logging

import pytest


@pytest.fixture
def console_log():
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


@pytest.mark.django_db
def test_a_bad_host_is_logged_in_one_line(client, console_log):
    client.raise_request_exception = False
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    lines = [line for line in console_log.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "400 GET /accounts/login/ refused: Invalid HTTP_HOST header: 'evil.example'" in lines[0]


@pytest.mark.django_db
def test_a_permission_refusal_is_logged_in_one_line(client_for, console_log):
    from hotelqa.choices import Role

    client, _ = client_for(Role.FRONT_DESK)
    assert client.get("/settings/jobs/").status_code == 403
    output = console_log.getvalue()
    assert "Traceback" not in output
    assert [line for line in output.splitlines() if "403 GET /settings/jobs/ refused" in line]
