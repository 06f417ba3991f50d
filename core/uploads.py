"""Uploaded files are judged by what they contain, never by their name or declared type.

Only PDF, PNG and JPEG are accepted: the first bytes must be the format's signature,
the file must actually open as that format (pypdf, Pillow), the name's extension must
agree with the content, and the size is capped (`settings.UPLOAD_MAX_BYTES`).
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
        else:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
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


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}".replace(".", ",")
