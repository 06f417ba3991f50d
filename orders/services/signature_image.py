"""The drawn signature: a PNG data URL from the signing page's canvas, checked by content.

Refused: nothing sent, not a PNG data URL, not valid base64, larger than the cap, not a
PNG that decodes, absurd dimensions, and a blank drawing (fewer than `MIN_INK_PIXELS`
visible dark pixels: an empty or white canvas is not a signature).
"""

from __future__ import annotations

import base64
import binascii
import io

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageChops

from core.errors import BusinessError

DATA_URL_PREFIX = "data:image/png;base64,"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 256 * 1024
MAX_WIDTH = 3000
MAX_HEIGHT = 1500
MIN_INK_PIXELS = 40
FIELD = "signature_data"


def _refuse(code: str, message) -> BusinessError:
    return BusinessError(code, message, field=FIELD)


def _too_large() -> BusinessError:
    return BusinessError(
        "signature_too_large",
        _("La signature reçue est trop volumineuse (%(max)s Ko au plus)."),
        field=FIELD,
        params={"max": MAX_BYTES // 1024},
    )


def signature_png_check(data_url: str) -> bytes:
    """The PNG bytes of a signature data URL; BusinessError (field `signature_data`).

    Codes: `signature_empty`, `signature_too_large`, `signature_invalid`,
    `signature_blank`.
    """
    text = (data_url or "").strip()
    if not text:
        raise _refuse(
            "signature_empty",
            _("Signez dans le cadre (souris, doigt ou stylet), ou choisissez de taper votre nom."),
        )
    if not text.startswith(DATA_URL_PREFIX):
        raise _refuse("signature_invalid", _("La signature reçue n'est pas une image PNG."))
    encoded = text[len(DATA_URL_PREFIX) :]
    if len(encoded) > (MAX_BYTES * 4) // 3 + 4:
        raise _too_large()
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _refuse("signature_invalid", _("La signature reçue est illisible.")) from exc
    if len(content) > MAX_BYTES:
        raise _too_large()
    if not content.startswith(PNG_MAGIC):
        raise _refuse("signature_invalid", _("La signature reçue n'est pas une image PNG."))
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != "PNG":
                raise ValueError("not a PNG")
            width, height = image.size
            if not (1 <= width <= MAX_WIDTH and 1 <= height <= MAX_HEIGHT):
                raise ValueError("dimensions")
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            ink = _ink_pixels(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _refuse("signature_invalid", _("La signature reçue est illisible.")) from exc
    if ink < MIN_INK_PIXELS:
        raise _refuse(
            "signature_blank",
            _("Le cadre de signature est vide : signez avant de confirmer."),
        )
    return content


def _ink_pixels(image: Image.Image) -> int:
    """Pixels that are visible (alpha >= 64) and dark (luminance < 160)."""
    rgba = image.convert("RGBA")
    visible = rgba.getchannel("A").point(lambda a: 255 if a >= 64 else 0)
    dark = rgba.convert("L").point(lambda v: 255 if v < 160 else 0)
    return ImageChops.multiply(visible, dark).histogram()[255]
