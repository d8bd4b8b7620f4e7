"""Sources judged as URLs, the way a browser would resolve and open them.

A source is parsed with a WHATWG URL parser (ada-url, the parser Node.js uses), so
'https://docs.dagster.io\\x', 'HTTPS://Docs.Dagster.io:443/a/%2e%2e/x' and
'https://docs.dagster.io@evil.example/' mean here what they mean in a browser. Then:

- the scheme is https, with no user name or password and no port other than the default;
- the host is not spelled with a trailing dot, and the path hides no encoded '/' or '\\';
- the resolved host and path fall under one of the tool's `official_sources` in
  tools.yml: URL prefixes, matched on whole path segments ('https://dagster.io/pricing'
  covers /pricing, /pricing/ and /pricing#faq, not /pricing-old);
- the URL is written as the browser reads it (its normal form), so what the page
  links is exactly what was checked.

judge() returns None for a source that passes, else what is wrong and what is expected.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ada_url import URL


@dataclass(frozen=True)
class Prefix:
    host: str
    path: str      # '/', '/docs/' (everything below) or '/pricing' (the page and below)

    def covers(self, path: str) -> bool:
        if self.path.endswith("/"):
            return path.startswith(self.path) or path + "/" == self.path
        return path == self.path or path.startswith(self.path + "/")

    def __str__(self) -> str:
        return self.host + self.path.rstrip("/")


def _parse(url: str) -> URL | None:
    try:
        return URL(url)
    except ValueError:
        return None


def _shape(u: URL) -> str | None:
    """What makes a parsed URL unfit as a source, whatever its host."""
    scheme = u.protocol.rstrip(":")
    if scheme != "https":
        return f"uses {scheme}:, not https:; sources must be https URLs"
    if u.username or u.password:
        return "carries a user name or password (user:password@host); a source names the host only"
    if u.port:
        return f"names port {u.port}; sources use the default https port (write no :port)"
    if u.hostname.endswith("."):
        return "spells the host with a trailing dot; write the host without it"
    if any(code in u.pathname.lower() for code in ("%2f", "%5c")):
        return "hides an encoded '/' or '\\' (%2F, %5C) in its path; write the path plainly"
    return None


@lru_cache(maxsize=None)
def prefix(text: str) -> tuple[Prefix | None, str | None]:
    """(the prefix, None) for a well-formed official_sources entry, else (None, what is wrong)."""
    u = _parse(text)
    if u is None:
        return None, "is not a URL a browser can open"
    problem = _shape(u)
    if problem is None and (u.search or u.hash):
        problem = "has a query or a fragment; a prefix is a host and a path"
    if problem is None and u.href != text:
        problem = f"is not written as a browser reads it; write '{u.href}'"
    return (None, problem) if problem else (Prefix(u.hostname, u.pathname), None)


@lru_cache(maxsize=4096)
def judge(url: str, prefixes: tuple[str, ...], tool_name: str) -> str | None:
    """None if `url` is an official source of the tool, else one sentence for the contributor."""
    u = _parse(url)
    if u is None:
        return f"'{url}' is not a URL a browser can open"
    problem = _shape(u)
    if problem:
        return f"'{url}' {problem}"
    allowed = [p for p in (prefix(t)[0] for t in prefixes) if p is not None]
    listed = ", ".join(str(p) for p in allowed)
    if not any(p.host == u.hostname for p in allowed):
        return (f"'{url}' is on {u.hostname}, which is not an official {tool_name} source "
                f"(allowed: {listed}; see official_sources in tools.yml)")
    if not any(p.host == u.hostname and p.covers(u.pathname) for p in allowed):
        return (f"'{url}' opens {u.hostname}{u.pathname}, outside the official {tool_name} paths "
                f"(allowed: {listed}; see official_sources in tools.yml)")
    if u.href != url:
        return f"'{url}' is not written as a browser reads it; write '{u.href}'"
    return None
