from django.conf import settings
from django.http import Http404


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


class NulBytePathMiddleware:
    """A path holding a NUL byte names nothing the shop serves: answer 404 at once.

    PostgreSQL refuses NUL in text, so such a path reaching a lookup (`/produit/%00/`)
    would otherwise end in a database error and a 500 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)
