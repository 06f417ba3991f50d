"""The e-mail of each issued invoice and credit note (004 art. 6: invoices are electronic):
to the company's accountants, or its administrators when it has none, each in their
language, with the Factur-X PDF attached (and the Peppol UBL for a Belgian seller).

Sent by the outbox's worker (`billing.document_mail`), one row per recipient written in
the issuing transaction: none is lost, none is sent for a rolled-back document.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Company, Membership, Role, User
from billing.einvoice.ubl import ubl_xml
from billing.models import CreditNote, Invoice
from billing.services.pdf import MODELS, document_pdf_ensure
from core.documents import PDF_CONTENT_TYPE, document_read
from core.links import language_supported, site_url, url_in_language


def document_recipients(*, company: Company) -> list[User]:
    """The company's active accountants, else its active administrators."""
    members = Membership.objects.filter(company=company, is_active=True).select_related("user")
    for role in (Role.ACCOUNTANT, Role.ADMINISTRATOR):
        users = [m.user for m in members if role in m.roles and m.user.is_active]
        if users:
            return users
    return []


def document_mail_send(*, document: Invoice | CreditNote, user: User) -> None:
    is_invoice = isinstance(document, Invoice)
    language = language_supported(getattr(user, "language", None))
    with translation.override(language):
        context = {
            "document": document,
            "is_invoice": is_invoice,
            "user": user,
            "url": site_url(url_in_language("billing_portal:document_list", language=language)),
        }
        subject = " ".join(
            render_to_string("billing/emails/document_issued_subject.txt", context).split()
        )
        body = render_to_string("billing/emails/document_issued.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    pdf = document_read(document_pdf_ensure(document=document))
    message.attach(f"{document.number}.pdf", pdf, PDF_CONTENT_TYPE)
    if document.seller.get("country") == "BE":
        message.attach(f"{document.number}.xml", ubl_xml(document), "application/xml")
    message.send(fail_silently=False)


def document_mail_deliver(*, payload: dict) -> None:
    """Outbox handler of `billing.document_mail`: `{"model", "id", "user"}`."""
    document = MODELS[payload["model"]].objects.get(pk=payload["id"])
    document_mail_send(document=document, user=User.objects.get(pk=payload["user"]))
