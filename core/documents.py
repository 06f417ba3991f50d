"""Documents kernel: render HTML templates to PDF, store files once with their SHA-256,
serve them only through views that check the reader's permission.

Rendering
    `pdf_render(template_name=..., context=...)` renders a Django template (extend
    `pdf/base.html`) with WeasyPrint. Stylesheets, fonts and images resolve from the
    static files only (the source directories in development, the collected and hashed
    files of STATIC_ROOT in production), through `StaticFilesURLFetcher`: no network, no
    other file of the machine. `{% static "css/pdf.css" %}` and relative URLs both work.

Storage
    `document_store(content=..., filename=..., content_type=..., kind=...)` writes the bytes
    once (temporary file, then rename) to
    ``PRIVATE_STORAGE_ROOT/<kind>/<yyyy>/<uuid>.<ext>`` and records a `StoredDocument` row
    with the SHA-256; the row is immutable (database trigger). `document_read(doc)` returns
    the bytes after checking size and hash and raises `DocumentIntegrityError` when the file
    is missing or altered; `document_verify(doc)` answers True/False.

Serving: permission is the calling view's job
    Each app has its own rule (a customer reads its own company's invoices, KYC reviewers
    read KYC files...). The view finds the document through a selector that applies that
    rule (404 for anyone else), then returns `document_response(doc=...)`. The decorator
    `document_view` packs that pattern: the decorated function returns the `StoredDocument`
    the user may read (or None for 404) and the decorator builds the response::

        @login_required
        @document_view()
        def invoice_pdf(request, number):
            invoice = invoice_get_for_company(company=request.company, number=number)
            return invoice.pdf_document

    Never link a stored file from MEDIA_URL or STATIC_URL: the files live outside both.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import mimetypes
import os
import re
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import StoredDocument

PDF_CONTENT_TYPE = "application/pdf"
KIND_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
EXTENSION_RE = re.compile(r"^[a-z0-9]{1,10}$")
CHUNK_SIZE = 1024 * 1024


class DocumentIntegrityError(Exception):
    """A stored file is missing or no longer matches the size and SHA-256 recorded."""


class ResourceRefused(ValueError):
    """A PDF template asked for a resource that is not a static file: over the network,
    another file of the machine, or missing."""


# --- Rendering --------------------------------------------------------------------------


def _static_prefix() -> str:
    """STATIC_URL as WeasyPrint sees it: `/static/` becomes `file:///static/`."""
    return urljoin("file:///", settings.STATIC_URL)


def _static_file_for(url: str) -> Path:
    """The static file that `url` names, or ResourceRefused.

    Accepts only URLs under STATIC_URL: what `{% static %}` produces, and relative URLs
    resolved against it (the base URL of every PDF). The name is looked up as the site
    serves it: in the source static directories through Django's finders (what runserver
    serves in development), then among the collected files of STATIC_ROOT (what WhiteNoise
    serves in production, where `{% static %}` gives the manifest's hashed names).
    """
    refused = ResourceRefused(f"Ressource refusée dans un PDF : {url}")
    prefix = urlsplit(_static_prefix())
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc) or not (
        parts.path.startswith(prefix.path)
    ):
        raise refused
    name = unquote(parts.path[len(prefix.path) :])
    if "\\" in name or "\x00" in name or any(s in ("", ".", "..") for s in name.split("/")):
        raise refused
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    raise refused


# WeasyPrint is imported where a PDF is rendered, not at module level: importing it loads
# Pango and HarfBuzz (about a second), which every process importing this module (web,
# beat, management commands, test collection) would pay without rendering anything.


def _url_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesURLFetcher(URLFetcher):
        """Serves static files and `data:` URLs; refuses everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file_for(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            # Answer under the URL asked for, so that a stylesheet's relative URLs resolve
            # under STATIC_URL too.
            return URLFetcherResponse(
                url, path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesURLFetcher


def pdf_render(
    *, template_name: str, context: dict[str, Any], pdf_variant: str | None = None
) -> bytes:
    """Render a Django template to PDF bytes with WeasyPrint.

    `pdf_variant`: WeasyPrint's PDF variant, e.g. "pdf/a-3b" for an archivable document
    that carries attachments (Factur-X invoices).

    Preconditions: the template exists; the resources it links are static files.
    Effects: none (pure rendering). Raises TemplateDoesNotExist for an unknown template and
    ResourceRefused when the template links a resource that is not a static file (a remote
    URL, another file of the machine, a missing file): an issued document never
    silently lacks its stylesheet, and rendering never touches the network.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    html = render_to_string(template_name, context)
    base_url = _static_prefix()
    fetcher = _url_fetcher_class()(fail_on_errors=True)
    try:
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
            pdf_variant=pdf_variant
        )
    except FatalURLFetchingError as error:
        raise ResourceRefused(str(error)) from error


# --- Storage ----------------------------------------------------------------------------


def _storage_root() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT)


def _safe_filename(filename: str) -> str:
    """The name shown to the reader: no directory, no control characters."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"')
    return name.strip()[:200] or "document"


def _extension(filename: str, content_type: str) -> str:
    extension = PurePosixPath(filename).suffix.lstrip(".").lower()
    if not EXTENSION_RE.match(extension):
        guessed = mimetypes.guess_extension(content_type) or ".bin"
        extension = guessed.lstrip(".")
    return extension


def document_path(doc: StoredDocument) -> Path:
    """Absolute path of a stored document's file; refuses a path outside the storage root."""
    root = _storage_root().resolve()
    path = (root / doc.storage_path).resolve()
    if not path.is_relative_to(root):
        raise DocumentIntegrityError(f"Chemin de stockage invalide : {doc.storage_path}")
    return path


def _write_once(path: Path, content: bytes) -> None:
    """Write `content` to a new file `path` atomically: temporary file, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as temp_file:
            temp_file.write(content)
            temp_file.flush()
            os.fsync(temp_file.fileno())
        os.chmod(temp_name, 0o440)
        if path.exists():
            raise FileExistsError(path)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def document_store(
    *,
    content: bytes,
    filename: str,
    content_type: str,
    kind: str,
    created_by=None,
) -> StoredDocument:
    """Store `content` once and record it.

    Preconditions: `kind` is a short lowercase slug ("quote", "invoice", "kyc"...);
    `content` is not empty. `filename` is only the name shown on download: the file on disk
    gets a server-generated name.
    Effects: writes PRIVATE_STORAGE_ROOT/<kind>/<yyyy>/<uuid>.<ext> and creates an
    immutable StoredDocument row with the SHA-256 and size. If the row cannot be created,
    the file is removed; a file left by a later rollback of the caller's transaction is an
    orphan that no row points to (harmless).
    Raises ValueError for an invalid kind or empty content.
    """
    if not KIND_RE.match(kind):
        raise ValueError(f"Type de document invalide : {kind!r}")
    if not content:
        raise ValueError("Un document vide ne peut pas être stocké.")
    now = timezone.now()
    relative = PurePosixPath(
        kind, f"{now:%Y}", f"{uuid.uuid4().hex}.{_extension(filename, content_type)}"
    )
    path = _storage_root() / relative
    _write_once(path, content)
    try:
        with transaction.atomic():
            return StoredDocument.objects.create(
                kind=kind,
                filename=_safe_filename(filename),
                content_type=content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                storage_path=str(relative),
                created_at=now,
                created_by=created_by,
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def document_erase(doc: StoredDocument) -> bool:
    """Delete the file of `doc` at the end of its retention period; True when a file was
    deleted, False when it was already gone (so a repeated erasure is harmless).

    The row stays (immutable): its name, size and SHA-256 record what was held. Reading
    the document afterwards raises DocumentIntegrityError: callers mark what they erased.
    """
    path = document_path(doc)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def document_read(doc: StoredDocument) -> bytes:
    """The stored bytes, after checking their size and SHA-256 against the row.

    Raises DocumentIntegrityError when the file is missing or was altered.
    """
    path = document_path(doc)
    try:
        content = path.read_bytes()
    except FileNotFoundError as error:
        raise DocumentIntegrityError(f"Fichier absent pour le document {doc.pk}") from error
    digest = hashlib.sha256(content).hexdigest()
    if len(content) != doc.size or not hmac.compare_digest(digest, doc.sha256):
        raise DocumentIntegrityError(f"Le fichier du document {doc.pk} a été modifié")
    return content


def document_verify(doc: StoredDocument) -> bool:
    """True when the file exists and matches its recorded size and SHA-256."""
    try:
        document_read(doc)
    except DocumentIntegrityError:
        return False
    return True


# --- Serving ----------------------------------------------------------------------------


def document_response(*, doc: StoredDocument, as_attachment: bool = True) -> FileResponse:
    """An HTTP response with the verified bytes of `doc`.

    The caller has already checked that the user may read `doc`. Headers:
    Content-Disposition (attachment or inline, with the document's filename),
    `X-Content-Type-Options: nosniff`, `Cache-Control: private, no-store`.
    Raises DocumentIntegrityError when the file was altered (the request fails with 500).
    """
    content = document_read(doc)
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=as_attachment,
        filename=doc.filename,
        content_type=doc.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def document_view(
    *, as_attachment: bool = True
) -> Callable[[Callable[..., StoredDocument | None]], Callable[..., FileResponse]]:
    """Decorator for a view function that returns the StoredDocument the user may read.

    The decorated function applies the app's permission rule (raise Http404 or
    PermissionDenied, or return None for 404) and the decorator serves the document.
    """

    def decorator(func: Callable[..., StoredDocument | None]) -> Callable[..., FileResponse]:
        @functools.wraps(func)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
            doc = func(request, *args, **kwargs)
            if doc is None:
                raise Http404
            return document_response(doc=doc, as_attachment=as_attachment)

        return view

    return decorator


@login_required
@document_view()
def document_download(request: HttpRequest, pk: int) -> StoredDocument:
    """Staff only: any stored document, for users holding `core.view_storeddocument`."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("core.view_storeddocument")):
        raise PermissionDenied
    return get_object_or_404(StoredDocument, pk=pk)
