"""Reading an EPC QR code back as a banking app does (zxing-cpp on the PNG segno draws)."""

from __future__ import annotations

import io
from decimal import Decimal

import zxingcpp
from PIL import Image


def epc_decode(png: bytes) -> dict:
    (barcode,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    lines = barcode.text.split("\n") + [""] * 12
    assert lines[:4] == ["BCD", "002", lines[2], "SCT"]
    return {
        "bic": lines[4],
        "name": lines[5],
        "iban": lines[6],
        "currency": lines[7][:3],
        "amount": Decimal(lines[7][3:]),
        "structured": lines[9],
        "text": lines[10],
    }
