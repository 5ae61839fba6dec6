import datetime as dt
import ipaddress
import socket

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from api import services
from hotelqa.choices import Role


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters live in the cache.
    caches["default"].clear()
    yield
    caches["default"].clear()


PUBLIC_ADDRESS = "93.184.215.14"


class Resolver(dict):
    """Name → addresses, and every name looked up (in order)."""

    def __init__(self, **names):
        super().__init__(**names)
        self.lookups = []


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    """Host names resolve from this table, never over the network: `dns["hook.example"] =
    ["10.0.0.5"]`; None makes a name unknown; any other name resolves to a public address.
    Literal addresses pass through (the pinned connection resolves its own address)."""
    table = Resolver(localhost=["127.0.0.1", "::1"])
    real = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        try:
            ipaddress.ip_address(str(host).strip("[]"))
            return real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        except ValueError:
            pass
        name = str(host).rstrip(".").lower()
        table.lookups.append(name)
        addresses = table.get(name, [PUBLIC_ADDRESS])
        if addresses is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (a, port or 0, 0, 0)) if ":" in a else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port or 0))
            for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def make_token(db):
    """make_token(property, role, **fields) → (token, key); property None is a group token."""

    def _make(property, role=Role.FRONT_DESK, *, expires_in=dt.timedelta(days=30), **fields):
        return services.token_create(
            name=fields.pop("name", "PMS"), property=property, role=role, expires_at=timezone.now() + expires_in, actor=None, **fields,
        )

    return _make


def token_client(key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def api(make_token):
    """api(property, role=…) → a client calling with a fresh token of that role there."""

    def _api(property, role=Role.FRONT_DESK, **fields):
        _token, key = make_token(property, role, **fields)
        return token_client(key)

    return _api
