"""What orders holds on a person, for their download (core.personal_data)."""

from __future__ import annotations

from core.personal_data import personal_data_section
from orders.models import QuoteSignature


@personal_data_section(name="signatures", order=50)
def signatures(*, user) -> list[dict]:
    """The evidence kept of each "Bon pour accord" the person signed."""
    return [
        {
            "quote": signature.quote.reference,
            "signed_at": signature.signed_at,
            "signer_name": signature.signer_name,
            "signer_title": signature.signer_title,
            "signature_mode": signature.signature_mode,
            "typed_signature": signature.typed_signature,
            "ip_address": signature.ip_address,
            "user_agent": signature.user_agent,
            "signed_pdf_sha256": signature.signed_pdf_sha256,
        }
        for signature in QuoteSignature.objects.filter(signer=user)
        .select_related("quote")
        .order_by("signed_at", "pk")
    ]
