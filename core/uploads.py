"""Uploaded files are judged by what they contain, never by their name or declared type.

Only PDF, PNG and JPEG are accepted: the first bytes must be the format's signature,
the file must actually open as that format (pypdf, Pillow), the name's extension must
agree with the content, and the size is capped (`settings.UPLOAD_MAX_BYTES`), as is the
length of its name (`UPLOAD_MAX_NAME_LENGTH`, what a stored document keeps).

Nothing sent can stall the site or act when a reviewer opens it:
- an image is measured from its header before any pixel is decoded, and refused above
  `settings.UPLOAD_MAX_PIXELS` (a 12000x12000 PNG is 559 KB on disk but 576 MB decoded);
- a PDF carrying JavaScript, an action run at opening (OpenAction), a Launch action or
  embedded files is refused (`pdf_active_content`).

Every refusal is a `BusinessError` naming the form field, so the form can show it
next to the input and keep everything else the person entered.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from core.errors import BusinessError

SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
EXTENSIONS = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
}
FORMAT_NAMES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}
UPLOAD_MAX_NAME_LENGTH = 200  # core.StoredDocument.filename

# What a PDF may not carry, found as a dictionary key or as an action type (/S).
PDF_ACTIVE_KEYS = {
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/OpenAction": "open_action",
    "/EmbeddedFiles": "embedded_files",
    "/EF": "embedded_files",
}
PDF_ACTIVE_ACTIONS = {"/JavaScript": "javascript", "/Launch": "launch"}
PDF_ACTIVE_TYPES = {"/EmbeddedFile": "embedded_files", "/FileAttachment": "embedded_files"}
PDF_ACTIVE_LABELS = {
    "javascript": _("du JavaScript"),
    "open_action": _("une action lancée à l'ouverture (OpenAction)"),
    "launch": _("une commande qui lance un programme (Launch)"),
    "embedded_files": _("des fichiers joints"),
}
# A bound on the objects walked, so that a crafted PDF cannot keep a worker busy.
PDF_MAX_OBJECTS = 100_000


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    extension: str
    original_name: str


def upload_check(*, uploaded_file, field: str, max_bytes: int | None = None) -> CheckedUpload:
    """Read and check one uploaded file; raise BusinessError (with `field`) when refused."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    name = PurePath(uploaded_file.name or "").name
    uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1)
    if not content:
        raise BusinessError(
            "upload_empty",
            _("Le fichier « %(name)s » est vide. Choisissez un fichier PDF, PNG ou JPEG."),
            field=field,
            params={"name": name},
        )
    if len(name) > UPLOAD_MAX_NAME_LENGTH:
        raise BusinessError(
            "upload_name_too_long",
            _(
                "Le nom du fichier « %(name)s » compte %(length)s caractères ; %(max)s au plus "
                "sont acceptés. Renommez le fichier plus court, puis choisissez-le à nouveau."
            ),
            field=field,
            params={
                "name": name[:40] + "…",
                "length": len(name),
                "max": UPLOAD_MAX_NAME_LENGTH,
            },
        )
    if len(content) > limit:
        raise BusinessError(
            "upload_too_large",
            _("Le fichier « %(name)s » dépasse la taille maximale de %(max)s Mo."),
            field=field,
            params={"name": name, "max": _megabytes(limit)},
        )
    content_type, extension = _sniff(content, name=name, field=field)
    claimed = PurePath(name).suffix.lower()
    if claimed and claimed not in EXTENSIONS[content_type]:
        raise BusinessError(
            "upload_extension_mismatch",
            _(
                "Le fichier « %(name)s » porte l'extension %(claimed)s mais contient un "
                "%(actual)s. Enregistrez-le au bon format ou corrigez son nom."
            ),
            field=field,
            params={"name": name, "claimed": claimed, "actual": FORMAT_NAMES[content_type]},
        )
    _check_opens(content, content_type=content_type, name=name, field=field)
    return CheckedUpload(content, content_type, extension, name)


def _sniff(content: bytes, *, name: str, field: str) -> tuple[str, str]:
    for signature, content_type, extension in SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    raise BusinessError(
        "upload_type_refused",
        _(
            "Le fichier « %(name)s » n'est ni un PDF, ni une image PNG ou JPEG (son contenu "
            "a été vérifié, pas seulement son nom). Choisissez un fichier PDF, PNG ou JPEG."
        ),
        field=field,
        params={"name": name},
    )


def _check_opens(content: bytes, *, content_type: str, name: str, field: str) -> None:
    try:
        if content_type == "application/pdf":
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted and not reader.decrypt(""):
                raise BusinessError(
                    "upload_pdf_protected",
                    _(
                        "Le PDF « %(name)s » est protégé par un mot de passe. Envoyez-le sans "
                        "protection."
                    ),
                    field=field,
                    params={"name": name},
                )
            if len(reader.pages) < 1:
                raise ValueError("no page")
            found = pdf_active_content(reader)
            if found:
                raise BusinessError(
                    "upload_pdf_active",
                    _(
                        "Le PDF « %(name)s » contient %(what)s : par sécurité, il est refusé. "
                        "Imprimez-le en PDF (« Imprimer », puis « Enregistrer au format PDF ») "
                        "ou scannez le document, puis envoyez le nouveau fichier."
                    ),
                    field=field,
                    params={"name": name, "what": PDF_ACTIVE_LABELS[found]},
                )
        else:
            _check_image(content, name=name, field=field)
    except BusinessError:
        raise
    except (PyPdfError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise BusinessError(
            "upload_unreadable",
            _(
                "Le fichier « %(name)s » est endommagé ou illisible en tant que %(format)s. "
                "Exportez-le à nouveau puis réessayez."
            ),
            field=field,
            params={"name": name, "format": FORMAT_NAMES[content_type]},
        ) from exc


def _check_image(content: bytes, *, name: str, field: str) -> None:
    """Measure the image from its header (Pillow's `open` decodes no pixel), refuse it
    above `UPLOAD_MAX_PIXELS`, and only then verify and decode it. Pillow refuses by
    itself past twice the limit (`Image.MAX_IMAGE_PIXELS`, set in core.apps)."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
        too_large = width * height > settings.UPLOAD_MAX_PIXELS
    except Image.DecompressionBombError:
        too_large = True
    if too_large:
        raise BusinessError(
            "upload_image_too_large",
            _(
                "L'image « %(name)s » dépasse %(max)s millions de pixels. Réduisez sa "
                "définition (une photo de téléphone suffit), puis envoyez-la à nouveau."
            ),
            field=field,
            params={
                "name": name,
                "max": f"{settings.UPLOAD_MAX_PIXELS / 1_000_000:g}".replace(".", ","),
            },
        )
    with Image.open(io.BytesIO(content)) as image:
        image.verify()
    with Image.open(io.BytesIO(content)) as image:
        image.load()


def pdf_active_content(reader: PdfReader) -> str | None:
    """The first kind of active content reachable from the document's trailer
    ("javascript", "open_action", "launch", "embedded_files"), or None.

    Walks every dictionary and array the document references (names are compared after
    pypdf decodes their #xx escapes, so `/J#61vaScript` is `/JavaScript`); raises
    ValueError past `PDF_MAX_OBJECTS` objects.
    """
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    walked = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        walked += 1
        if walked > PDF_MAX_OBJECTS:
            raise ValueError("too many objects")
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in PDF_ACTIVE_KEYS:
                    return PDF_ACTIVE_KEYS[key]
                if key == "/S" and value in PDF_ACTIVE_ACTIONS:
                    return PDF_ACTIVE_ACTIONS[value]
                if key in ("/Type", "/Subtype") and value in PDF_ACTIVE_TYPES:
                    return PDF_ACTIVE_TYPES[value]
                if key not in ("/Parent", "/P") and isinstance(
                    value, (DictionaryObject, ArrayObject, IndirectObject)
                ):
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(
                value
                for value in item
                if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject))
            )
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}".replace(".", ",")
