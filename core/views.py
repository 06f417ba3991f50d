from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    """Styled and translated like the 404 page (Django's own renders without the layout's
    context when it has no template)."""
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    """Rendered with the request, so the layout (header, language, footer) works."""
    return render(request, "400.html", status=400)


def server_error(request):
    """Rendered without context processors: it must work when the database does not."""
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def healthz(request):
    """Liveness and database reachability, for the container health checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
