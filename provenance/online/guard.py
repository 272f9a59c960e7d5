"""Where an online check may go: public http(s) addresses, and the hosts the configuration names.

An article chooses some of the URLs asked (a Mastodon server, a short link's target), so a
hostile page could point provenance at a router or a cloud metadata service. Every request
is checked first: only http and https, no credentials in the URL, and every address the host
name resolves to must be public, unless the configuration or the environment named the host
as an endpoint (tests and intranet mirrors do). The check resolves the name just before the
request; a DNS server that answers differently a moment later is not defended against.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

from provenance.model import one_line

__all__ = ["Refused", "Resolver", "Unresolvable", "check_url", "public_address", "resolve_host"]

Resolver = Callable[[str, int], list[str]]


class Refused(Exception):
    """A URL provenance will not request; the message says why, in one line."""


class Unresolvable(Refused):
    """A host name that does not resolve: not refused by choice, but nothing to connect to."""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def public_address(address: str) -> bool:
    """Whether ``address`` is a globally routable IP address (IPv4-mapped IPv6 read as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, trusted: Collection[str] = (), resolver: Resolver = resolve_host) -> None:
    """Refused unless ``url`` is http(s), carries no credentials and leads to public addresses only."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(f"{url!r} is not a valid URL") from None
    if parts.scheme not in ("http", "https"):
        raise Refused(f"{url!r} is not an http or https URL")
    if parts.username is not None or parts.password is not None:
        raise Refused(f"{url!r} carries credentials")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused(f"{url!r} names no host")
    try:
        literal: str | None = str(ipaddress.ip_address(host))
    except ValueError:
        literal = None
    if (literal or host) in trusted:
        return
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = resolver(host, port)
        except (OSError, UnicodeError) as error:
            raise Unresolvable(f"cannot resolve {host} ({_why(error)})") from None
    private = next((address for address in addresses if not public_address(address)), None)
    if private is not None:
        raise Refused(f"{host} is a private or local address ({private}); name it in the configuration to allow it")
    if not addresses:
        raise Unresolvable(f"cannot resolve {host}")


def _why(error: BaseException) -> str:
    if isinstance(error, socket.gaierror) and error.strerror:
        return error.strerror
    return one_line(error)
