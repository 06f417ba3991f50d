"""What a request says about its client, read the same way everywhere."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's IP address, for evidence and logs.

    Behind `TRUSTED_PROXY_COUNT` reverse proxies (each appending to X-Forwarded-For),
    the client is the address that many places from the right of that header; an
    address further left could be forged by the client. With no trusted proxy, it
    is REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
