from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


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


class UnreadableFormMiddleware:
    """A form Django cannot read is sent back to its page with a message, not a bare 400.

    Django refuses a multipart body whose part header exceeds 1 KB, which a file name of
    several hundred characters does. Nothing of the form can then be read, not even its
    CSRF token: the person is sent back to the page of the form (its Referer when it is
    ours, else the address posted to) with a message saying what to do. Placed after the
    message middleware and before any view runs (the CSRF check runs in `process_view`,
    after this).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 - parsing the body is the point
            except MultiPartParserError:
                messages.error(
                    request,
                    _(
                        "Votre envoi n'a pas pu être lu : le nom d'un des fichiers est trop "
                        "long. Renommez le fichier plus court (200 caractères au plus), puis "
                        "choisissez-le à nouveau. Rien n'a été enregistré."
                    ),
                )
                return redirect(_form_page(request))
        return self.get_response(request)


def _form_page(request) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()
