import socket

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, ""
    except Exception as exc:  # any failure means "not healthy"
        return False, exc.__class__.__name__


def _broker_ok():
    from hotelqa.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True, ""
    except (OSError, socket.error, Exception) as exc:
        return False, exc.__class__.__name__


@never_cache
def healthz(request):
    database, database_error = _database_ok()
    broker, broker_error = _broker_ok()
    healthy = database and broker
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if database else f"error: {database_error}",
        "broker": "ok" if broker else f"error: {broker_error}",
    }
    return JsonResponse(body, status=200 if healthy else 503)
