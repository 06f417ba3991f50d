"""The quote's PDF, issued and signed, rendered from the canonical content only.

The PDF is always in French, the contract language (000 art. 2). The signed PDF is the
same template with the "Bon pour accord" block filled in: name, title, date and time,
signature (image or typed), the company's name in place of a stamp, the payment method,
and the hashes that tie it to the issued quote.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from django.utils import translation

from core.calendar import PARIS
from core.documents import pdf_render
from orders.presentation import quote_document


@dataclass(frozen=True)
class SignatureBlock:
    signer_name: str
    signer_title: str
    signed_at: datetime
    company_name: str
    payment_method_label: str
    content_sha256: str
    shown_pdf_sha256: str
    signature_png: bytes | None = None
    typed_signature: str = ""

    @property
    def signed_at_local(self) -> datetime:
        return self.signed_at.astimezone(PARIS)

    @property
    def image_data_url(self) -> str:
        if not self.signature_png:
            return ""
        return "data:image/png;base64," + base64.b64encode(self.signature_png).decode("ascii")


def quote_pdf_render(*, content: dict, signature: SignatureBlock | None = None) -> bytes:
    """PDF bytes of the quote described by `content` (signed when `signature` is given)."""
    with translation.override("fr"):
        context = quote_document(content)
        context["signature"] = signature
        return pdf_render(template_name="pdf/quote.html", context=context)
