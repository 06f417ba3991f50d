"""Is a returned item still covered, until when, and if not, why (docs/rules/returns-warranty.md).

A pure decision: the pinned Terms, what the invoice line says about the item, and the
claim (reason, dates) in; a `Coverage` out. No database, no clock: the caller passes the
request date, so the portal form, the staff review and the tests ask the same question
and get the same answer.

Periods follow the conventions of docs/rules/conventions.md: a warranty of N months from
D covers a report made before the same calendar day N months later (from 15 January,
12 months: 14 January of the next year is covered, 15 January is not); "N days from D"
ends at the end of day D + N. `Coverage.until` is the last day still covered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.calendar import add_days, add_months, localdate, start_of_day, warranty_end
from orders.services.validity import validity_end
from returns.choices import DELIVERY_COMPLAINTS, ReturnReason
from shop.models import Terms, WarrantyClass
from shop.models.terms_choices import (
    ManufacturerWarrantyPolicy,
    WarrantyExclusion,
    WarrantyMode,
)

# 003 art. 9.1.a: without a known receipt date, receipt is estimated at shipment + 7 days
# (the invoice is issued at shipment).
RECEIPT_ESTIMATE_DAYS = 7


@dataclass(frozen=True)
class ReturnedItem:
    """What the invoice line and the product say about the returned item.

    `unit_price_ht` is the invoiced unit price (the low-value warranty looks at it);
    `delivered_on` the delivery (receipt) date when known; `brand_warranty_months` the
    brand's warranty for monitors (a product setting, 001 art. 13).
    """

    warranty_class: str
    unit_price_ht: Decimal
    invoice_date: date
    delivered_on: date | None = None
    manufacturer_warranty: bool = False
    manufacturer_contact: str = ""
    is_own_product: bool = False
    brand_warranty_months: int | None = None


@dataclass(frozen=True)
class Claim:
    """The customer's claim: its reason, the day it is made, and what staff learnt since.

    `discovered_on` is the day a hidden defect was discovered (the request day when not
    given); `immobilisation_days` the length of each earlier repair of this item (the
    warranty is extended by those over the Terms' threshold, 000 art. 8);
    `modified_by_customer` comes from the diagnosis (003: not guaranteed).
    """

    reason: str
    requested_on: date
    discovered_on: date | None = None
    modified_by_customer: bool = False
    immobilisation_days: Sequence[int] = ()


@dataclass(frozen=True)
class Coverage:
    """The decision: covered or not, the last day covered (None: no end, or not dated),
    a stable `rule` code, and a message in the reader's language."""

    covered: bool
    rule: str
    until: date | None
    message_template: object = field(repr=False, compare=False)
    params: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def message(self) -> str:
        values = dict(self.params)
        if self.until is not None:
            values["until"] = self.until.strftime("%d/%m/%Y")
        return str(self.message_template) % values if values else str(self.message_template)


def _covered_until(rule: str, until: date | None, template, **params) -> Coverage:
    return Coverage(True, rule, until, template, params)


def _refused(rule: str, template, until: date | None = None, **params) -> Coverage:
    return Coverage(False, rule, until, template, params)


def _dated(rule: str, until: date, requested_on: date, covered, expired, **params) -> Coverage:
    """Covered through `until` (inclusive), else refused with the `expired` message."""
    if requested_on <= until:
        return _covered_until(rule, until, covered, **params)
    return _refused(f"{rule}_expired", expired, until, **params)


def warranty_extension_days(*, terms: Terms, immobilisation_days: Sequence[int]) -> int:
    """Days added to the warranty: each repair that kept the item more than the Terms'
    threshold adds its whole length (000 art. 8: over 7 days); none without a threshold."""
    threshold = terms.immobilisation_extension_over_days
    if threshold is None:
        return 0
    return sum(days for days in immobilisation_days if days > threshold)


def _received_on(item: ReturnedItem) -> date:
    return item.delivered_on or add_days(item.invoice_date, RECEIPT_ESTIMATE_DAYS)


def _complaint(*, terms: Terms, country: str, item: ReturnedItem, claim: Claim) -> Coverage:
    """Transport damage, missing items and non-conformity: within the complaint window
    from delivery (the invoice date when the delivery is not recorded)."""
    if terms.complaint_window_value is None or not terms.complaint_window_unit:
        return _refused(
            "complaint_no_window",
            _("Les CGV ne prévoient pas de réclamation après la livraison."),
        )
    delivered = item.delivered_on or item.invoice_date
    end = validity_end(
        issued_at=start_of_day(delivered),
        value=terms.complaint_window_value,
        unit=terms.complaint_window_unit,
        country=country,
    )
    return _dated(
        "complaint_window",
        add_days(localdate(end), -1),
        claim.requested_on,
        _("Réclamation recevable jusqu'au %(until)s inclus (délai après la livraison)."),
        _(
            "Le délai de réclamation après la livraison a expiré le %(until)s : un dommage "
            "de transport, un manquant ou une non-conformité se signale dans ce délai."
        ),
    )


def _manufacturer(terms: Terms, item: ReturnedItem) -> Coverage:
    contact = item.manufacturer_contact or _("coordonnées sur la documentation du produit")
    if terms.manufacturer_warranty_policy == ManufacturerWarrantyPolicy.REFUSED:
        return _refused(
            "manufacturer_refused",
            _(
                "Ce produit bénéficie d'une garantie constructeur : le vendeur refuse son "
                "retour. Adressez-vous directement au fabricant (%(contact)s)."
            ),
            contact=contact,
        )
    return _refused(
        "manufacturer_redirected",
        _(
            "Ce produit est garanti par son fabricant : adressez-vous directement à lui "
            "(%(contact)s)."
        ),
        contact=contact,
    )


def _excluded(terms: Terms, item: ReturnedItem, claim: Claim) -> Coverage | None:
    if item.warranty_class in terms.warranty_exclusions:
        return _refused(
            "excluded_class",
            _("Les produits de cette nature (%(nature)s) ne sont pas garantis par le vendeur."),
            nature=WarrantyClass(item.warranty_class).label,
        )
    if claim.modified_by_customer and WarrantyExclusion.CUSTOMER_MODIFIED in (
        terms.warranty_exclusions
    ):
        return _refused(
            "excluded_modified",
            _("Un produit modifié par le client n'est pas garanti."),
        )
    return None


def _warranty_term(terms: Terms, item: ReturnedItem) -> tuple[str, date, int, int]:
    """(rule, start, months, days) of the seller's warranty for this item: a period of
    months (docs/rules/conventions.md), plus days for the 15 days of bare electronics."""
    if item.warranty_class == WarrantyClass.BARE_ELECTRONICS and (
        terms.bare_electronics_warranty_days is not None
    ):
        return "bare_electronics", _received_on(item), 0, terms.bare_electronics_warranty_days
    if (
        item.warranty_class == WarrantyClass.MONITOR
        and terms.warranty_monitors_per_brand
        and item.brand_warranty_months is not None
    ):
        return "monitor_brand", item.invoice_date, item.brand_warranty_months, 0
    if (
        terms.low_value_warranty_months is not None
        and terms.low_value_threshold_ht is not None
        and item.unit_price_ht < terms.low_value_threshold_ht
    ):
        return "low_value", item.invoice_date, terms.low_value_warranty_months, 0
    # From the invoice date, or "from the date of purchase" (003 art. 9.5), which the
    # invoice dates too.
    return "standard", item.invoice_date, terms.warranty_months or 0, 0


_WARRANTY_COVERED = _("Garanti jusqu'au %(until)s inclus.")
_WARRANTY_EXPIRED = _("La garantie a pris fin : le dernier jour couvert était le %(until)s.")


def _defect(*, terms: Terms, item: ReturnedItem, claim: Claim) -> Coverage:
    """A defect under the seller's commercial warranty."""
    if terms.warranty_mode == WarrantyMode.LEGAL_ONLY:
        return _refused(
            "legal_only",
            _(
                "Le vendeur n'accorde que la garantie légale : déclarez un vice caché, "
                "ou une non-conformité dans le délai de réclamation."
            ),
        )
    is_bare = item.warranty_class == WarrantyClass.BARE_ELECTRONICS and (
        terms.bare_electronics_warranty_days is not None
    )
    if terms.warranty_own_products_only and not item.is_own_product and not is_bare:
        return _refused(
            "not_own_product",
            _("Le vendeur ne garantit que les produits qu'il fabrique : voyez le fabricant."),
        )
    rule, start, months, days = _warranty_term(terms, item)
    extension = warranty_extension_days(terms=terms, immobilisation_days=claim.immobilisation_days)
    if days:
        last = add_days(start, days + extension)
    else:
        last = add_days(warranty_end(start=start, months=months, extension_days=extension), -1)
    return _dated(rule, last, claim.requested_on, _WARRANTY_COVERED, _WARRANTY_EXPIRED)


def _hidden_defect(*, terms: Terms, item: ReturnedItem, claim: Claim) -> Coverage:
    """A hidden defect: within the Terms' period of use, notified within their notice
    after discovery (000 art. 8: 6 months / 20 days; 003 art. 9.5: 7 days, own products).
    Where the Terms set neither, the legal warranty applies and staff assess it."""
    use_months, notice_days = terms.hidden_defect_use_months, terms.hidden_defect_notice_days
    limits_apply = not (terms.warranty_own_products_only and not item.is_own_product)
    if not limits_apply or (use_months is None and notice_days is None):
        return _covered_until(
            "hidden_defect_legal",
            None,
            _("Garantie légale des vices cachés : le service après-vente apprécie le vice."),
        )
    discovered = claim.discovered_on or claim.requested_on
    if use_months is not None:
        use_end = add_months(_received_on(item), use_months)
        if discovered >= use_end:
            return _refused(
                "hidden_defect_use_expired",
                _(
                    "La garantie des vices cachés couvre les %(months)s premiers mois "
                    "d'utilisation : elle a pris fin le %(until)s."
                ),
                add_days(use_end, -1),
                months=use_months,
            )
    if notice_days is None:
        return _covered_until(
            "hidden_defect",
            None,
            _("Vice caché signalé dans la période d'utilisation garantie."),
        )
    return _dated(
        "hidden_defect_notice",
        add_days(discovered, notice_days),
        claim.requested_on,
        _(
            "Vice caché à signaler dans les %(days)s jours de sa découverte : découvert le "
            "%(discovered)s, au plus tard le %(until)s."
        ),
        _(
            "Un vice caché se signale dans les %(days)s jours de sa découverte : découvert le "
            "%(discovered)s, le délai a expiré le %(until)s."
        ),
        days=notice_days,
        discovered=discovered.strftime("%d/%m/%Y"),
    )


def _commercial(terms: Terms) -> Coverage:
    if not terms.commercial_returns_by_agreement:
        return _refused(
            "commercial_not_allowed",
            _("Les ventes sont fermes : le vendeur ne reprend pas d'invendus."),
        )
    return _covered_until(
        "commercial_by_agreement",
        None,
        _("Retour commercial possible seulement avec l'accord préalable écrit du vendeur."),
    )


def coverage_decide(*, terms: Terms, country: str, item: ReturnedItem, claim: Claim) -> Coverage:
    """Whether the seller takes `item` back for `claim` under the pinned `terms`.

    `country` is the seller's ("FR" or "BE"), for working days and public holidays in
    the complaint window. Never raises for a rule: a refusal is a `Coverage` with
    `covered=False`, its `rule` code and the message the customer sees.
    """
    if item.warranty_class == WarrantyClass.SERVICE:
        return _refused("service", _("Une prestation de service ne se retourne pas."))
    if claim.reason in DELIVERY_COMPLAINTS:
        return _complaint(terms=terms, country=country, item=item, claim=claim)
    if claim.reason == ReturnReason.COMMERCIAL:
        return _commercial(terms)
    if claim.reason == ReturnReason.HIDDEN_DEFECT:
        return _hidden_defect(terms=terms, item=item, claim=claim)
    if item.manufacturer_warranty:
        return _manufacturer(terms, item)
    excluded = _excluded(terms, item, claim)
    if excluded is not None:
        return excluded
    return _defect(terms=terms, item=item, claim=claim)
