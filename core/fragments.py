"""Rendered HTML and computed values kept in each process's memory, under a key that names
everything they depend on.

A key is a tuple; the caller puts in it every input of what is kept (a version stamp
bumped by every write to the data shown, the language, the visitor's price context, the
address, the stock read with the rows, …), so that an entry is never stale: it is simply
no longer asked for. A key of None means "do not keep" (no version stamp to trust).

Fragments may hold forms: they are rendered with a placeholder for the CSRF token, which
is replaced by the request's own token each time the fragment is served.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import caches
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")

# Entries are keyed by versions and evicted by the cache's own culling; a day bounds how
# long an entry no key asks for any more stays around.
TIMEOUT = 24 * 3600

# What `{% csrf_token %}` prints in a kept fragment; letters and digits only, so that it
# passes HTML escaping unchanged. Random per process: no page text can contain it.
CSRF_PLACEHOLDER = f"csrfplaceholder{secrets.token_hex(16)}"


def _cache_key(key: tuple[Hashable, ...]) -> str:
    return "fragment:" + hashlib.blake2b(repr(key).encode(), digest_size=20).hexdigest()


def kept(key: tuple[Hashable, ...] | None, compute: Callable[[], T]) -> T:
    """The value kept under `key`, computed (and kept) the first time it is asked for."""
    if key is None:
        return compute()
    store, cache_key = caches["layout"], _cache_key(key)
    value = store.get(cache_key)
    if value is None:
        value = compute()
        store.set(cache_key, value, TIMEOUT)
    return value


def kept_html(
    request, key: tuple[Hashable, ...] | None, render: Callable[[dict], str]
) -> SafeString:
    """The HTML kept under `key`, rendered by `render(extra_context)` the first time.

    `render` must pass `extra_context` to its template: it carries the CSRF placeholder,
    replaced here by the request's token."""
    if key is None:
        return mark_safe(render({}))  # noqa: S308 - rendered by a template
    return _with_token(request, kept(key, lambda: str(render({"csrf_token": CSRF_PLACEHOLDER}))))


def kept_html_found(request, key: tuple[Hashable, ...] | None) -> SafeString | None:
    """The HTML kept under `key`, if it is (see `kept_html`): a view may then look it up
    from a light read of what the key names and read what it shows only when it is not."""
    if key is None:
        return None
    html = caches["layout"].get(_cache_key(key))
    return None if html is None else _with_token(request, html)


def _with_token(request, html: str) -> SafeString:
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - rendered by a template, plus the token
