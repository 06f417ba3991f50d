"""The "Bon pour accord" evidence in the admin: read only, never changed or deleted."""

from __future__ import annotations

from django.contrib import admin

from core.admin_read_only import ReadOnlyAdminMixin
from orders.models import QuoteSignature


@admin.register(QuoteSignature)
class QuoteSignatureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("quote", "signer_name", "company_name", "signed_at", "payment_method")
    search_fields = ("quote__number", "signer_name", "company_name")
    list_select_related = ("quote",)
    fields = (
        "quote",
        "signer",
        "signer_name",
        "signer_title",
        "company_name",
        "signed_at",
        "ip_address",
        "user_agent",
        "terms",
        "terms_version",
        "payment_method",
        "signature_mode",
        "typed_signature",
        "content_sha256",
        "shown_pdf_sha256",
        "signature_image_sha256",
        "signed_pdf_sha256",
    )
    readonly_fields = fields
