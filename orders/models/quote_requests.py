"""The company a customer's quote request is made for.

Shop holds the request (a cart's contents sent to sales) but may not point to a company
(links live on the right); orders records it here, in the transaction that creates the
request, from the requester's membership at that moment. A buyer who later moves to
another company does not take the request along: the quote is made for this company.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuoteRequestCompany(models.Model):
    quote_request = models.OneToOneField(
        "shop.QuoteRequest",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="company_link",
        verbose_name=_("demande de devis"),
    )
    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entreprise"),
    )

    class Meta:
        verbose_name = _("entreprise d'une demande de devis")
        verbose_name_plural = _("entreprises des demandes de devis")
        indexes = [models.Index(fields=["company"], name="quote_request_company_idx")]

    def __str__(self) -> str:
        return f"{self.quote_request_id} → {self.company_id}"
