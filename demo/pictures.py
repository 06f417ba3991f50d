"""Product pictures of the demo catalogue, drawn with Pillow when the demo is loaded.

Nothing is downloaded: each category has a pictogram drawn from simple shapes, and the
picture of a product is its category's pictogram with the product's reference and
brand written below, so two products never share a picture.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 480, 360
INK = (31, 41, 55)
PAPER = (255, 255, 255)

# Category slug -> (background tint, accent colour).
PALETTE = {
    "postes": ((226, 236, 250), (37, 99, 235)),
    "ordinateurs": ((224, 242, 254), (2, 132, 199)),
    "ecrans": ((237, 233, 254), (109, 40, 217)),
    "serveurs": ((226, 232, 240), (51, 65, 85)),
    "reseau": ((220, 252, 231), (22, 163, 74)),
    "stockage": ((254, 243, 199), (217, 119, 6)),
    "impression": ((255, 237, 213), (234, 88, 12)),
    "logiciels": ((252, 231, 243), (219, 39, 119)),
    "services": ((204, 251, 241), (13, 148, 136)),
    "accessoires": ((241, 245, 249), (71, 85, 105)),
    "mobilier": ((245, 235, 224), (146, 64, 14)),
    "jeux": ((254, 226, 226), (220, 38, 38)),
}

Box = tuple[int, int, int, int]


def _tower(d: ImageDraw.ImageDraw, c) -> None:
    d.rounded_rectangle((190, 50, 290, 230), 10, fill=PAPER, outline=c, width=6)
    d.ellipse((228, 70, 252, 94), outline=c, width=5)
    for y in (120, 140, 160):
        d.line((210, y, 270, y), fill=c, width=5)


def _laptop(d, c) -> None:
    d.rounded_rectangle((150, 60, 330, 180), 8, fill=PAPER, outline=c, width=6)
    d.rectangle((166, 76, 314, 164), fill=c)
    d.polygon(((120, 190), (360, 190), (340, 220), (140, 220)), fill=c)


def _monitor(d, c) -> None:
    d.rounded_rectangle((130, 50, 350, 180), 8, fill=PAPER, outline=c, width=6)
    d.rectangle((146, 66, 334, 164), fill=c)
    d.rectangle((232, 180, 248, 210), fill=c)
    d.rounded_rectangle((190, 208, 290, 222), 6, fill=c)


def _server(d, c) -> None:
    for top in (50, 110, 170):
        d.rounded_rectangle((130, top, 350, top + 50), 6, fill=PAPER, outline=c, width=6)
        d.ellipse((150, top + 18, 164, top + 32), fill=c)
        for x in range(250, 340, 18):
            d.line((x, top + 14, x, top + 36), fill=c, width=5)


def _switch(d, c) -> None:
    d.rounded_rectangle((110, 110, 370, 180), 8, fill=PAPER, outline=c, width=6)
    for x in range(130, 350, 28):
        d.rectangle((x, 130, x + 18, 150), fill=c)
    d.line((240, 110, 240, 60), fill=c, width=6)
    d.arc((200, 30, 280, 110), 220, 320, fill=c, width=6)
    d.arc((180, 10, 300, 130), 225, 315, fill=c, width=6)


def _disk(d, c) -> None:
    d.rounded_rectangle((160, 50, 320, 230), 12, fill=PAPER, outline=c, width=6)
    d.ellipse((190, 70, 290, 170), outline=c, width=6)
    d.ellipse((232, 112, 248, 128), fill=c)
    d.line((250, 130, 290, 200), fill=c, width=7)


def _printer(d, c) -> None:
    d.rectangle((180, 50, 300, 110), fill=PAPER, outline=c, width=6)
    d.rounded_rectangle((130, 100, 350, 190), 10, fill=c)
    d.rectangle((180, 160, 300, 230), fill=PAPER, outline=c, width=6)
    for y in (180, 200):
        d.line((195, y, 285, y), fill=c, width=4)


def _software(d, c) -> None:
    d.rounded_rectangle((150, 50, 330, 230), 12, fill=PAPER, outline=c, width=6)
    d.rectangle((150, 50, 330, 90), fill=c)
    d.text((180, 120), "</>", fill=c, font=_font(56))


def _service(d, c) -> None:
    d.line((170, 210, 280, 100), fill=c, width=22)
    d.ellipse((250, 50, 330, 130), fill=c)
    d.ellipse((275, 75, 305, 105), fill=PAPER)
    d.polygon(((290, 50), (330, 50), (330, 90)), fill=PAPER)


def _accessory(d, c) -> None:
    d.rounded_rectangle((100, 120, 300, 200), 10, fill=PAPER, outline=c, width=6)
    for y in (135, 155, 175):
        for x in range(115, 285, 24):
            d.rectangle((x, y, x + 16, y + 12), fill=c)
    d.rounded_rectangle((320, 110, 380, 200), 28, fill=PAPER, outline=c, width=6)
    d.line((350, 112, 350, 140), fill=c, width=5)


def _furniture(d, c) -> None:
    d.rectangle((100, 110, 380, 130), fill=c)
    d.rectangle((120, 130, 136, 230), fill=c)
    d.rectangle((344, 130, 360, 230), fill=c)
    d.rectangle((260, 130, 340, 200), fill=PAPER, outline=c, width=6)
    d.line((280, 165, 320, 165), fill=c, width=5)


def _console(d, c) -> None:
    d.rounded_rectangle((120, 90, 360, 200), 50, fill=c)
    d.rectangle((160, 135, 210, 150), fill=PAPER)
    d.rectangle((178, 117, 193, 168), fill=PAPER)
    d.ellipse((280, 115, 304, 139), fill=PAPER)
    d.ellipse((306, 141, 330, 165), fill=PAPER)


PICTOGRAMS: dict[str, Callable] = {
    "postes": _tower,
    "ordinateurs": _laptop,
    "ecrans": _monitor,
    "serveurs": _server,
    "reseau": _switch,
    "stockage": _disk,
    "impression": _printer,
    "logiciels": _software,
    "services": _service,
    "accessoires": _accessory,
    "mobilier": _furniture,
    "jeux": _console,
}


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's own scalable font: no system font needed."""
    return ImageFont.load_default(size=size)


@cache
def _pictogram(category: str) -> Image.Image:
    background, accent = PALETTE[category]
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    PICTOGRAMS[category](ImageDraw.Draw(image), accent)
    return image


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, size: int, fill) -> None:
    font = _font(size)
    while size > 12 and draw.textlength(text, font=font) > WIDTH - 32:
        size -= 2
        font = _font(size)
    x = (WIDTH - draw.textlength(text, font=font)) / 2
    draw.text((x, y), text, fill=fill, font=font)


def product_picture_png(*, category: str, reference: str, brand: str) -> bytes:
    """The PNG picture of one product: its category's pictogram, reference and brand."""
    image = _pictogram(category).copy()
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 262, WIDTH, HEIGHT), fill=PAPER)
    _centred(draw, 274, reference, 34, INK)
    _centred(draw, 318, brand, 22, PALETTE[category][1])
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # flat colours: small even so
    return out.getvalue()
