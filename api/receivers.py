"""Where webhooks may go: a receiver's URL is refused when it is not http(s), carries credentials, or
its host resolves to an address inside a network (this server, the hotel's LAN, the cloud's metadata
service). Checked when an admin saves the URL and again at every delivery, because DNS can change
between the two; a delivery then connects to the address that was checked, never resolving again.

`API_WEBHOOK_ALLOW_PRIVATE_HOSTS` lets loopback and private-network receivers through (a hotel
running its receiver on its own network); `API_WEBHOOK_ALLOW_HTTP` lets plain http through.
Link-local (metadata), multicast, reserved and unspecified addresses are never allowed.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

LOOPBACK = _("a loopback address (this server itself)")
PRIVATE = _("a private-network address")
LINK_LOCAL = _("a link-local address (such as the cloud metadata service)")
MULTICAST = _("a multicast address")
RESERVED = _("a reserved address")
UNSPECIFIED = _("an unspecified address")
NOT_PUBLIC = _("an address that is not public")
ALLOWED_WITH_SETTING = (LOOPBACK, PRIVATE, NOT_PUBLIC)  # what a hotel's own network may use
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Cloud metadata services outside the link-local range (AWS over IPv6, Alibaba Cloud): refused like
# link-local addresses, even where the setting lets a receiver use the hotel's own network.
METADATA = (ipaddress.ip_network("fd00:ec2::254/128"), ipaddress.ip_network("100.100.100.200/32"))


class UnsafeReceiver(Exception):
    """The URL may not be called; the message says why, in the reader's words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class UnresolvedHost(Exception):
    """The name does not resolve now: at delivery a passing failure (retried), at saving a mistake."""

    def __init__(self, host):
        super().__init__(f"{host} does not resolve")
        self.host = host


def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address):
    """Why `ip` is not a public receiver's address (a label), or None for a public one. An IPv6
    address that carries an IPv4 one (mapped, 6to4, NAT64) is judged by the IPv4 address too."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None)
        if inner is not None:
            return address_kind(inner)
    if any(ip in network for network in METADATA if network.version == ip.version):
        return LINK_LOCAL
    # Order matters: loopback, link-local and unspecified addresses are also "private" to Python.
    if ip.is_unspecified:
        return UNSPECIFIED
    if ip.is_loopback:
        return LOOPBACK
    if ip.is_link_local:
        return LINK_LOCAL
    if ip.is_multicast:
        return MULTICAST
    if ip.is_reserved:
        return RESERVED
    if ip.is_private:
        return PRIVATE
    if not ip.is_global:
        return NOT_PUBLIC
    return None


def refused_kind(ip):
    kind = address_kind(ip)
    if kind in ALLOWED_WITH_SETTING and settings.API_WEBHOOK_ALLOW_PRIVATE_HOSTS:
        return None
    return kind


def parse(url: str):
    """(scheme, host, port) of an acceptable URL; UnsafeReceiver otherwise (no network used)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeReceiver(_("Enter a valid URL.")) from None
    schemes = ("https", "http") if settings.API_WEBHOOK_ALLOW_HTTP else ("https",)
    if parts.scheme not in schemes:
        if parts.scheme == "http":
            raise UnsafeReceiver(_("Use an https:// address: deliveries carry guests' data (plain http is not allowed on this server)."))
        raise UnsafeReceiver(_("Use an https:// address."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeReceiver(_("Leave the user name and password out of the address: the signature proves a delivery is ours."))
    if not parts.hostname:
        raise UnsafeReceiver(_("Enter a valid URL."))
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve(host: str, port: int) -> list:
    """Every address `host` resolves to (a literal address is itself); socket.gaierror when it
    does not resolve."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found = []
    for *_rest, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])  # drop an IPv6 zone id
        if ip not in found:
            found.append(ip)
    return found


def checked_addresses(url: str) -> tuple[str, list]:
    """(host, addresses) of a receiver that may be called; UnsafeReceiver if any address the host
    resolves to is refused — one internal address is enough for a rebinding attack to pick it."""
    _scheme, host, port = parse(url)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):  # socket.gaierror, or a name IDNA cannot encode
        raise UnresolvedHost(host) from None
    if not addresses:
        raise UnresolvedHost(host)
    for ip in addresses:
        kind = refused_kind(ip)
        if kind is not None:
            raise UnsafeReceiver(_("%(host)s is %(address)s, %(kind)s: webhooks are sent to public addresses only.") % {"host": host, "address": ip, "kind": kind})
    return host, addresses


def validate_receiver_url(value: str):
    """Field validator of a subscription's URL (the admin form and any serializer of the model)."""
    try:
        checked_addresses(value)
    except UnsafeReceiver as exc:
        raise ValidationError(exc.message, code="unsafe_receiver") from None
    except UnresolvedHost as exc:
        raise ValidationError(_("The host %(host)s cannot be found: check the address."), code="unresolved_host", params={"host": exc.host}) from None


def _pinned(connection_class, address: str):
    """A connection class that opens its socket to `address` while keeping the host name for the
    Host header, TLS's SNI and the certificate check."""

    class Pinned(connection_class):
        def _new_conn(self):
            name, self._dns_host = self._dns_host, address
            try:
                return super()._new_conn()
            finally:
                self._dns_host = name

    return Pinned


class PinnedAdapter(HTTPAdapter):
    """Sends to the checked address only: no second DNS lookup a rebinding attacker could answer."""

    def __init__(self, address: str):
        self.address = address
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PinnedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": _pinned(HTTPConnection, self.address)}),
            "https": type("PinnedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": _pinned(HTTPSConnection, self.address)}),
        }


def post(url: str, *, data: bytes, headers: dict, timeout: float):
    """POST to a receiver after checking every address its host resolves to, connected to the first
    of them. UnsafeReceiver when refused, UnresolvedHost when the name does not resolve, requests'
    errors for the rest. Proxies from the environment are not used: a proxy would resolve the name
    again, unchecked."""
    _host, addresses = checked_addresses(url)
    with requests.Session() as session:
        session.trust_env = False
        adapter = PinnedAdapter(str(addresses[0]))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session.post(url, data=data, headers=headers, timeout=timeout, allow_redirects=False)
