"""Sales' work on quotes: create (from scratch or from a customer's request), edit a
draft, issue it, revise it, abandon a draft.

Every amount comes from the shop's pricing engine; the validity end from the terms in
force at issue (pinned); the number from the continuous "DEV" series, taken inside the
issuing transaction. Locks: company, then quote(s), then lines (the lock order of
docs/architecture.md). Rules: docs/rules/quotes-signing.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, DeliveryAddress
from core.audit import Actor, audit_record
from core.calendar import localdate
from core.documents import PDF_CONTENT_TYPE, document_store
from core.errors import BusinessError
from core.money import ZERO, to_decimal
from core.sequences import sequence_format, sequence_next
from core.transitions import transition_apply
from orders.content import (
    CONTENT_FORMAT,
    canonical_dumps,
    content_sha256,
    instant_text,
    money_text,
)
from orders.emails import quote_issued_mail
from orders.models import (
    ENTERED_KINDS,
    LineKind,
    OrderRevision,
    Quote,
    QuoteLine,
    QuoteRequestCompany,
    QuoteStatus,
)
from orders.selectors import (
    delivery_address_of,
    payment_methods_for_company,
    quote_entered_lines,
    quote_recipients,
)
from orders.services.pdf import quote_pdf_render
from orders.services.pricing import QuotePricing, quote_price
from orders.services.validity import quote_valid_until, quote_validity_rule
from shop.legal_mentions import seller_issuing_check
from shop.models import (
    VAT_RATES_BY_COUNTRY,
    DiscountClass,
    Product,
    QuoteRequest,
    QuoteRequestStatus,
    Seller,
    Terms,
)
from shop.selectors import (
    seller_get_current,
    seller_get_required,
    terms_in_force,
    terms_languages,
)
from shop.services.cart import quantity_check
from shop.services.pricing import ExtraKind
from shop.services.shipping import ShippingStatus

QUOTE_SERIES = "DEV"
# The states of a version that a newer issued version supersedes.
SUPERSEDABLE = (QuoteStatus.ISSUED, QuoteStatus.EXPIRED)
EXTRA_POSITION = 10_000


@dataclass(frozen=True)
class LineSpec:
    """One line as sales enter it: a catalogue product and a quantity, or a special line
    (not in the catalogue) with its reference, designation, unit price HT and VAT rate;
    either may carry a line discount (%) or a net unit price HT granted by sales."""

    quantity: int
    product: Product | None = None
    reference: str = ""
    designation: str = ""
    list_price_ht: Decimal | None = None
    vat_rate: Decimal | None = None
    discount_percent: Decimal | None = None
    net_price_ht: Decimal | None = None


def _error(code: str, message, field: str | None = None, **params) -> BusinessError:
    return BusinessError(code, message, field=field, params=params or None)


# --- checks ---------------------------------------------------------------------------------


def quote_line_check(*, spec: LineSpec, seller_country: str, field: str = "") -> None:
    """Refuse a line sales cannot quote (BusinessError naming `field`).

    Codes: `quote_line_quantity`, `product_unavailable`, `quantity_not_multiple` (pack
    multiple), `quote_line_special_incomplete`, `quote_line_price`, `quote_line_vat_rate`,
    and for sales' own line terms `quote_line_discount_and_net`, `quote_line_discount`,
    `quote_line_net_price`, `quote_line_not_discountable`.
    """
    if isinstance(spec.quantity, bool) or not isinstance(spec.quantity, int) or spec.quantity < 1:
        raise _error(
            "quote_line_quantity", _("La quantité doit être un entier d'au moins 1."), field
        )
    _line_terms_check(spec, field)
    if spec.product is not None:
        if not spec.product.is_active:
            raise _error(
                "product_unavailable",
                _("%(reference)s n'est plus en vente."),
                field,
                reference=spec.product.reference,
            )
        quantity_check(product=spec.product, quantity=spec.quantity, field=field or "quantity")
        return
    if not spec.reference.strip() or not spec.designation.strip():
        raise _error(
            "quote_line_special_incomplete",
            _(
                "Ligne hors catalogue : indiquez une référence, une désignation, un prix "
                "unitaire HT et un taux de TVA (ou choisissez un produit du catalogue)."
            ),
            field,
        )
    if spec.list_price_ht is None or to_decimal(spec.list_price_ht) < ZERO:
        raise _error(
            "quote_line_price",
            _("Ligne hors catalogue : le prix unitaire HT doit être positif ou nul."),
            field,
        )
    rates = VAT_RATES_BY_COUNTRY[seller_country]
    if spec.vat_rate is None or to_decimal(spec.vat_rate) not in rates:
        raise _error(
            "quote_line_vat_rate",
            _("Taux de TVA : choisissez l'un des taux légaux du pays du vendeur (%(rates)s)."),
            field,
            rates=" ; ".join(f"{rate:f}".rstrip("0").rstrip(".") for rate in rates),
        )


def _line_terms_check(spec: LineSpec, field: str) -> None:
    """A line discount or a net price, not both; in range; never below the list price of
    a product whose class takes no discount (004 art. 4: "L" and "S")."""
    if spec.discount_percent is None and spec.net_price_ht is None:
        return
    if spec.discount_percent is not None and spec.net_price_ht is not None:
        raise _error(
            "quote_line_discount_and_net",
            _("Indiquez soit une remise, soit un prix net pour la ligne, pas les deux."),
            field,
        )
    if spec.discount_percent is not None and not ZERO < to_decimal(spec.discount_percent) < 100:
        raise _error(
            "quote_line_discount",
            _("La remise de la ligne doit être comprise entre 0 et 100 % (exclus)."),
            field,
        )
    if spec.net_price_ht is not None and to_decimal(spec.net_price_ht) < ZERO:
        raise _error("quote_line_net_price", _("Le prix net HT doit être positif ou nul."), field)
    product = spec.product
    if product is None or product.discount_class == DiscountClass.NORMAL:
        return
    if spec.discount_percent is not None or to_decimal(spec.net_price_ht) < product.price_ht:
        raise _error(
            "quote_line_not_discountable",
            _(
                "%(reference)s est de classe « %(class)s » : les CGV n'autorisent aucune "
                "remise sur cet article."
            ),
            field,
            reference=product.reference,
            **{"class": product.get_discount_class_display()},
        )


def _lock_draft(quote: Quote) -> Quote:
    locked = Quote.objects.select_for_update().get(pk=quote.pk)
    if locked.status != QuoteStatus.DRAFT:
        raise _error(
            "quote_not_draft",
            _("Ce devis n'est plus un brouillon (%(status)s) : il ne peut plus être modifié."),
            status=locked.get_status_display(),
        )
    return locked


def _check_address(company: Company, address: DeliveryAddress | None) -> None:
    if address is not None and address.company_id != company.pk:
        raise _error(
            "quote_address_other_company",
            _("Cette adresse de livraison n'appartient pas à l'entreprise du devis."),
            "delivery_address",
        )


# --- drafts ---------------------------------------------------------------------------------


def quote_create(
    *,
    company: Company,
    user,
    lines: Sequence[LineSpec] = (),
    delivery_address: DeliveryAddress | None = None,
    quote_request: QuoteRequest | None = None,
    discount_percent: Decimal = ZERO,
    shipping_fee_ht: Decimal | None = None,
    free_text: str = "",
) -> Quote:
    """A new draft quote for `company`, its lines priced by the engine at today's prices.

    Raises BusinessError for a delivery address of another company or a refused line
    (see `quote_line_check`). Audited (actor: `user`).
    """
    seller = seller_get_required()
    _check_address(company, delivery_address)
    for index, spec in enumerate(lines):
        quote_line_check(spec=spec, seller_country=seller.country, field=f"lines-{index}")
    with transaction.atomic():
        quote = Quote.objects.create(
            company=company,
            delivery_address=delivery_address,
            quote_request=quote_request,
            discount_percent=to_decimal(discount_percent),
            shipping_fee_ht=shipping_fee_ht,
            free_text=free_text.strip(),
            created_by=user,
        )
        _write_entered_lines(quote, lines)
        quote_draft_reprice(quote=quote)
        audit_record(obj=quote, actor=Actor.of_user(user), to_state=QuoteStatus.DRAFT)
    return quote


def quote_create_from_request(*, quote_request: QuoteRequest, user) -> Quote:
    """A draft quote from a customer's quote request made from the cart (one transaction).

    The company is the one recorded when the request was made (`QuoteRequestCompany`),
    never the requester's company of today. Each requested product is quoted again at
    today's catalogue prices by the engine (a product no longer in the catalogue becomes
    a line without product at the requested price). The customer's message is not
    copied: the "Conditions particulières" are sales' own words, binding once signed; the
    admin shows the message beside the draft. The request moves to "handled".
    Raises BusinessError `quote_request_without_company` (made by someone of no company),
    `quote_request_declined`, `quote_request_already_quoted` (a quote made from it is not
    abandoned), and those of `quote_create`.
    """
    with transaction.atomic():
        request = QuoteRequest.objects.select_for_update().get(pk=quote_request.pk)
        link = (
            QuoteRequestCompany.objects.filter(quote_request=request)
            .select_related("company")
            .first()
        )
        if link is None:
            raise _error(
                "quote_request_without_company",
                _(
                    "Cette demande n'a été faite pour aucune entreprise cliente : impossible "
                    "de la chiffrer."
                ),
            )
        if request.status == QuoteRequestStatus.DECLINED:
            raise _error("quote_request_declined", _("Cette demande a été refusée."))
        existing = (
            Quote.objects.filter(quote_request=request)
            .exclude(status=QuoteStatus.CANCELLED)
            .order_by("id")
            .first()
        )
        if existing is not None:
            raise _error(
                "quote_request_already_quoted",
                _("Un devis a déjà été préparé à partir de cette demande : %(reference)s."),
                reference=existing.reference if existing.number else f"#{existing.pk}",
            )
        specs = []
        for line in request.lines.select_related("product").order_by("id"):
            if line.product is not None and line.product.is_active:
                specs.append(LineSpec(quantity=line.quantity, product=line.product))
            else:
                specs.append(
                    LineSpec(
                        quantity=line.quantity,
                        reference=line.reference,
                        designation=line.designation,
                        list_price_ht=line.unit_price_ht,
                        vat_rate=line.vat_rate,
                    )
                )
        quote = quote_create(company=link.company, user=user, lines=specs, quote_request=request)
        if request.status == QuoteRequestStatus.SUBMITTED:
            transition_apply(
                request,
                to=QuoteRequestStatus.HANDLED,
                actor=Actor.of_user(user),
                reason=f"Devis brouillon #{quote.pk}",
                data={"quote_id": quote.pk},
            )
    return quote


def quote_draft_update(
    *,
    quote: Quote,
    user,
    delivery_address: DeliveryAddress | None,
    discount_percent: Decimal,
    shipping_fee_ht: Decimal | None,
    free_text: str,
) -> Quote:
    """Change the header of a draft and price it again. BusinessError `quote_not_draft`."""
    with transaction.atomic():
        locked = _lock_draft(quote)
        _check_address(locked.company, delivery_address)
        locked.delivery_address = delivery_address
        locked.discount_percent = to_decimal(discount_percent)
        locked.shipping_fee_ht = shipping_fee_ht
        locked.free_text = free_text.strip()
        locked.save(
            update_fields=["delivery_address", "discount_percent", "shipping_fee_ht", "free_text"]
        )
        quote_draft_reprice(quote=locked)
    quote.refresh_from_db()
    return quote


def quote_draft_lines_set(*, quote: Quote, user, lines: list[LineSpec]) -> Quote:
    """Replace the entered lines of a draft by `lines` (in that order) and price it again."""
    seller = seller_get_required()
    for index, spec in enumerate(lines):
        quote_line_check(spec=spec, seller_country=seller.country, field=f"lines-{index}")
    with transaction.atomic():
        locked = _lock_draft(quote)
        QuoteLine.objects.filter(quote=locked).delete()
        _write_entered_lines(locked, lines)
        quote_draft_reprice(quote=locked)
    quote.refresh_from_db()
    return quote


def _write_entered_lines(quote: Quote, lines: Sequence[LineSpec]) -> None:
    QuoteLine.objects.bulk_create(
        [
            QuoteLine(
                quote=quote,
                position=(index + 1) * 10,
                kind=LineKind.GOODS if spec.product is not None else LineKind.SPECIAL,
                product=spec.product,
                reference=spec.product.reference if spec.product else spec.reference.strip(),
                designation=spec.product.designation if spec.product else spec.designation.strip(),
                quantity=spec.quantity,
                list_price_ht=spec.product.price_ht if spec.product else spec.list_price_ht,
                vat_rate=spec.product.vat_rate if spec.product else spec.vat_rate,
                discount_percent=spec.discount_percent,
                net_price_ht=spec.net_price_ht,
            )
            for index, spec in enumerate(lines)
        ]
    )


def quote_draft_reprice(*, quote: Quote, terms: Terms | None = None, on=None) -> QuotePricing:
    """Price a draft with the engine and store the result: each entered line's unit price
    and total, the eco-tax, packaging and shipping lines, the totals, the VAT regime.

    `terms`: those to price shipping with (default: in force today). Call it inside the
    transaction that holds the draft's lock.
    """
    seller = seller_get_required()
    if terms is None:
        terms = terms_in_force(seller=seller, on=on or localdate(timezone.now()))
    QuoteLine.objects.filter(quote=quote).exclude(kind__in=ENTERED_KINDS).delete()
    entered = [
        line
        for line in quote.lines.select_related("product")
        .prefetch_related("product__tiers")
        .order_by("position", "id")
        if line.kind in ENTERED_KINDS
    ]
    address = delivery_address_of(quote=quote)
    pricing = quote_price(
        lines=entered,
        company=quote.company,
        address=address,
        seller=seller,
        terms=terms,
        discount_percent=quote.discount_percent,
        shipping_fee_ht=quote.shipping_fee_ht,
    )
    document = pricing.document
    charges_vat = document.regime.charges_vat
    for line, priced in zip(entered, document.lines, strict=True):
        if line.kind == LineKind.GOODS:
            product = line.product
            assert product is not None  # a goods line has its product (check constraint)
            line.reference = product.reference
            line.designation = product.designation
            line.list_price_ht = product.price_ht
        line.vat_rate = priced.vat_rate if charges_vat else ZERO
        line.unit_price_ht = priced.unit_price_ht
        line.line_total_ht = priced.line_total_ht
    QuoteLine.objects.bulk_update(
        entered,
        ["reference", "designation", "list_price_ht", "vat_rate", "unit_price_ht", "line_total_ht"],
    )
    extras = []
    with translation.override("fr"):
        for offset, extra in enumerate(document.extras):
            if extra.amount_ht is None:
                continue  # shipping "to be quoted": no line until sales enter the fee
            extras.append(
                QuoteLine(
                    quote=quote,
                    position=EXTRA_POSITION + offset,
                    kind=extra.kind,
                    designation=str(ExtraKind(extra.kind).label),
                    quantity=1,
                    list_price_ht=extra.amount_ht,
                    vat_rate=extra.vat_rate if charges_vat else ZERO,
                    unit_price_ht=extra.amount_ht,
                    line_total_ht=extra.amount_ht,
                )
            )
    QuoteLine.objects.bulk_create(extras)
    quote.is_special_order = any(line.kind == LineKind.SPECIAL for line in entered)
    quote.goods_ht = document.goods_ht
    quote.total_ht = document.totals.ht
    quote.total_vat = document.totals.vat
    quote.total_ttc = document.totals.ttc
    quote.vat_regime = document.regime.as_dict()
    Quote.objects.filter(pk=quote.pk, status=QuoteStatus.DRAFT).update(
        is_special_order=quote.is_special_order,
        goods_ht=quote.goods_ht,
        total_ht=quote.total_ht,
        total_vat=quote.total_vat,
        total_ttc=quote.total_ttc,
        vat_regime=quote.vat_regime,
    )
    return pricing


def quote_draft_cancel(*, quote: Quote, user, reason: str = "") -> Quote:
    """Abandon a draft (it was never shown to the customer)."""
    return transition_apply(
        quote, to=QuoteStatus.CANCELLED, actor=Actor.of_user(user), reason=reason
    )


# --- issuing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuePreview:
    """What issuing a draft now would do, for sales to confirm first."""

    terms: Terms | None
    valid_until: datetime | None
    recipients: list


def quote_issue_preview(*, quote: Quote, now: datetime | None = None) -> IssuePreview:
    """The terms that would be pinned, the validity end if issued at `now`, and who would
    receive it (the company's buyers and signatories). Writes nothing; `quote_issue`
    decides again when sales confirm."""
    now = now or timezone.now()
    seller = seller_get_current()
    terms = terms_in_force(seller=seller, on=localdate(now)) if seller else None
    valid_until = None
    if terms is not None:
        try:
            valid_until = quote_valid_until(
                terms=terms, issued_at=now, special_order=quote.is_special_order
            )
        except BusinessError:
            valid_until = None  # `quote_issue` gives the reason when sales confirm
    return IssuePreview(
        terms=terms, valid_until=valid_until, recipients=quote_recipients(company=quote.company)
    )


def quote_issue(*, quote: Quote, user, now: datetime | None = None) -> Quote:
    """Issue a draft: number, validity end, canonical content and hash, PDF, e-mail.

    Preconditions: the quote is a draft with at least one line; the seller has terms in
    force today; the shipping fee is known (computed by the terms or entered by sales);
    the company may pay by at least one method.
    Effects (one transaction): locks the company then the quote (and the version it
    revises); prices it again with the terms in force (pinned); takes the next number of
    the "DEV" series of the year for a first version (a revision keeps its number and
    gets version + 1); computes the validity end (`quote_valid_until`); stores the
    canonical content, its SHA-256 and the PDF (with its SHA-256); moves the quote to
    "issued" and the version it revises to "superseded" (audited); after commit, e-mails
    the company's buyers and signatories.
    Raises BusinessError: `seller_identity_incomplete` (the seller lacks a legal mention,
    all of them listed: `shop.legal_mentions`), `quote_not_draft`, `quote_empty`, `terms_missing`,
    `quote_shipping_to_be_quoted`, `quote_zone_not_served`, `quote_no_payment_method`,
    `quote_previous_signed`, `quote_validity_missing`.
    """
    now = now or timezone.now()
    today = localdate(now)
    seller = seller_get_required()
    seller_issuing_check(seller=seller)
    actor = Actor.of_user(user)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=quote.company_id)
        previous = None
        if quote.previous_version_id:
            previous = Quote.objects.select_for_update().get(pk=quote.previous_version_id)
        locked = _lock_draft(quote)
        # A modification of a signed order revises the signed version, which stays
        # signed: the order follows the new version once it is signed in turn.
        modifies_order = OrderRevision.objects.filter(quote=locked).exists()
        revisable = (QuoteStatus.SIGNED,) if modifies_order else SUPERSEDABLE
        if previous is not None and previous.status not in revisable:
            raise _error(
                "quote_previous_signed"
                if previous.status == QuoteStatus.SIGNED
                else "quote_previous_closed",
                _(
                    "La version %(version)s de ce devis est « %(status)s » : cette révision "
                    "ne peut plus être émise."
                ),
                version=previous.version,
                status=previous.get_status_display(),
            )
        terms = terms_in_force(seller=seller, on=today)
        if terms is None:
            raise _error(
                "terms_missing",
                _("Aucune version publiée des CGV n'est en vigueur aujourd'hui."),
            )
        pricing = quote_draft_reprice(quote=locked, terms=terms)
        entered = quote_entered_lines(quote=locked)
        if not entered:
            raise _error("quote_empty", _("Ajoutez au moins une ligne avant d'émettre le devis."))
        shipping = pricing.document.shipping
        if shipping is not None and shipping.status == ShippingStatus.QUOTED:
            raise _error(
                "quote_shipping_to_be_quoted",
                _(
                    "Les CGV prévoient des frais de port chiffrés par le service commercial : "
                    "indiquez-les (0 pour une livraison offerte)."
                ),
                "shipping_fee_ht",
            )
        if shipping is not None and shipping.status == ShippingStatus.UNAVAILABLE:
            raise _error(
                "quote_zone_not_served",
                _(
                    "Les CGV ne prévoient pas de livraison vers l'adresse choisie : changez "
                    "d'adresse ou chiffrez les frais de port."
                ),
                "delivery_address",
            )
        methods = payment_methods_for_company(company=company, terms=terms)
        if not methods:
            raise _error(
                "quote_no_payment_method",
                _(
                    "Aucun moyen de paiement n'est à la fois proposé par les CGV et autorisé "
                    "pour cette entreprise : corrigez ses conditions commerciales."
                ),
            )
        if locked.version == 1:
            year = today.year
            number = sequence_format(
                prefix=QUOTE_SERIES,
                year=year,
                value=sequence_next(series=QUOTE_SERIES, year=year),
            )
        else:
            number = locked.number
        valid_until = quote_valid_until(
            terms=terms, issued_at=now, special_order=locked.is_special_order
        )
        locked.number = number
        content = _quote_content(
            quote=locked,
            company=company,
            seller=seller,
            terms=terms,
            pricing=pricing,
            methods=methods,
            issued_at=now,
            valid_until=valid_until,
            previous=previous,
        )
        text = canonical_dumps(content)
        digest = content_sha256(text)
        pdf = document_store(
            content=quote_pdf_render(content=content),
            filename=f"devis-{_file_reference(content)}.pdf",
            content_type=PDF_CONTENT_TYPE,
            kind="quote",
            created_by=user,
        )
        issued = transition_apply(
            locked,
            to=QuoteStatus.ISSUED,
            actor=actor,
            at=now,
            data={"number": number, "version": locked.version, "content_sha256": digest},
            changes={
                "number": number,
                "terms": terms,
                "payment_methods": methods,
                "issued_at": now,
                "issued_by": user,
                "valid_until": valid_until,
                "canonical_content": text,
                "content_sha256": digest,
                "pdf": pdf,
            },
        )
        if previous is not None and not modifies_order:
            transition_apply(
                previous,
                to=QuoteStatus.SUPERSEDED,
                actor=actor,
                at=now,
                reason=f"Remplacé par la version {issued.version}",
                data={"superseded_by": issued.pk},
            )
        quote_issued_mail(quote=issued)
    quote.refresh_from_db()
    return quote


def _file_reference(content: dict) -> str:
    number = content["quote"]["number"]
    version = content["quote"]["version"]
    return number if version == 1 else f"{number}-v{version}"


def _newer_version_check(locked: Quote, *, ignored=(QuoteStatus.CANCELLED,)) -> None:
    if (
        Quote.objects.filter(number=locked.number, version__gt=locked.version)
        .exclude(status__in=ignored)
        .exists()
    ):
        raise _error(
            "quote_revision_exists",
            _("Une version plus récente de ce devis existe déjà."),
        )


def _next_version(locked: Quote) -> int:
    """The version a new draft of `locked`'s number takes: after every version kept."""
    versions = (
        Quote.objects.filter(number=locked.number)
        .exclude(status=QuoteStatus.CANCELLED)
        .values_list("version", flat=True)
    )
    return max(versions, default=locked.version) + 1


def _revision_create(*, locked: Quote, user, specs: Sequence[LineSpec]) -> Quote:
    """The draft version + 1 of `locked` (locked with its company) with the lines
    `specs`, priced by the engine; audited."""
    revision = Quote.objects.create(
        company=locked.company,
        delivery_address=locked.delivery_address,
        quote_request=locked.quote_request,
        previous_version=locked,
        number=locked.number,
        version=_next_version(locked),
        discount_percent=locked.discount_percent,
        shipping_fee_ht=locked.shipping_fee_ht,
        free_text=locked.free_text,
        created_by=user,
    )
    _write_entered_lines(revision, specs)
    quote_draft_reprice(quote=revision)
    audit_record(
        obj=revision,
        actor=Actor.of_user(user),
        to_state=QuoteStatus.DRAFT,
        reason=f"Révision de {locked.reference}",
        data={"revision_of": locked.pk},
    )
    return revision


def quote_revise(*, quote: Quote, user) -> Quote:
    """A new draft version of an issued or expired quote, for sales to edit and issue.

    The draft keeps the number, takes the next version, copies the header and the entered
    lines (catalogue lines priced again at today's prices). The quote revised stays
    signable until the revision is issued, which supersedes it. Raises BusinessError
    `quote_not_revisable` (draft, signed, superseded or abandoned) and
    `quote_revision_exists` (a newer version is already being prepared or issued).
    """
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=quote.company_id)
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        if locked.status not in (QuoteStatus.ISSUED, QuoteStatus.EXPIRED):
            raise _error(
                "quote_not_revisable",
                _("Un devis « %(status)s » ne peut pas être révisé."),
                status=locked.get_status_display(),
            )
        _newer_version_check(locked)
        specs = []
        for line in quote_entered_lines(quote=locked):
            if line.kind == LineKind.GOODS and line.product and line.product.is_active:
                specs.append(
                    LineSpec(
                        quantity=line.quantity,
                        product=line.product,
                        discount_percent=line.discount_percent,
                        net_price_ht=line.net_price_ht,
                    )
                )
            else:
                special = line.kind == LineKind.SPECIAL
                specs.append(
                    LineSpec(
                        quantity=line.quantity,
                        reference=line.reference,
                        designation=line.designation,
                        list_price_ht=line.list_price_ht
                        if line.kind == LineKind.SPECIAL
                        else line.unit_price_ht,
                        vat_rate=line.product.vat_rate if line.product else line.vat_rate,
                        discount_percent=line.discount_percent if special else None,
                        net_price_ht=line.net_price_ht if special else None,
                    )
                )
        return _revision_create(locked=locked, user=user, specs=specs)


def quote_signed_revise(*, quote: Quote, user, specs: Sequence[LineSpec]) -> Quote:
    """A new draft version of the signed quote `quote` with the lines `specs`: the new
    order to sign that a modification requires (001 art. 5). Signing it does not form a
    second order: the order it modifies follows it (`orders.services.modifications`).

    Raises BusinessError `quote_not_revisable` (not signed) and `quote_revision_exists`
    (a newer version is being prepared or awaits signature; an expired one is passed).
    """
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=quote.company_id)
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        if locked.status != QuoteStatus.SIGNED:
            raise _error(
                "quote_not_revisable",
                _("Un devis « %(status)s » ne peut pas être révisé."),
                status=locked.get_status_display(),
            )
        _newer_version_check(locked, ignored=(QuoteStatus.CANCELLED, QuoteStatus.EXPIRED))
        return _revision_create(locked=locked, user=user, specs=specs)


# --- content ----------------------------------------------------------------------------


def _address(line1, line2, postal_code, city, country, label="") -> dict:
    return {
        "label": label,
        "line1": line1,
        "line2": line2,
        "postal_code": postal_code,
        "city": city,
        "country": country,
    }


def _quote_content(
    *,
    quote: Quote,
    company: Company,
    seller: Seller,
    terms: Terms,
    pricing: QuotePricing,
    methods: list[str],
    issued_at: datetime,
    valid_until: datetime,
    previous: Quote | None,
) -> dict:
    """The canonical content: everything printed on the quote, nothing else."""
    document = pricing.document
    address = delivery_address_of(quote=quote)
    value, unit = quote_validity_rule(terms=terms, special_order=quote.is_special_order)
    lines = list(quote.lines.order_by("position", "id"))
    terms_paths = {}
    for language in terms_languages(terms=terms):
        with translation.override(language):
            terms_paths[language] = reverse("terms_version", kwargs={"version": terms.version})
    return {
        "format": CONTENT_FORMAT,
        "document": "quote",
        "currency": "EUR",
        "quote": {
            "number": quote.number,
            "version": quote.version,
            "previous_version": previous.version if previous else None,
            "special_order": quote.is_special_order,
        },
        "validity": {
            "issued_at": instant_text(issued_at),
            "valid_until": instant_text(valid_until),
            "value": value,
            "unit": unit,
        },
        "seller": {
            "legal_name": seller.legal_name,
            "trade_name": seller.trade_name,
            "legal_form": seller.legal_form,
            "share_capital": money_text(seller.share_capital),
            "siren": seller.siren,
            "siret": seller.siret,
            "enterprise_number": seller.enterprise_number,
            "vat_number": seller.vat_number,
            "rcs_city": seller.rcs_city,
            "rpm_court": seller.rpm_court,
            "address_line1": seller.address_line1,
            "address_line2": seller.address_line2,
            "postal_code": seller.postal_code,
            "city": seller.city,
            "country": seller.country,
            "email": seller.email,
            "phone": seller.phone,
            "website": seller.website,
            "iban": seller.iban,
            "bic": seller.bic,
        },
        "buyer": {
            "legal_name": company.legal_name,
            "legal_form": company.legal_form,
            "country": company.country,
            "siren": company.siren,
            "siret": company.siret,
            "enterprise_number": company.enterprise_number,
            "registration_number": company.registration_number,
            "vat_number": company.vat_number,
            "billing_address": _address(
                company.billing_line1,
                company.billing_line2,
                company.billing_postal_code,
                company.billing_city,
                company.billing_country,
            ),
            "delivery_address": _address(
                address.line1,
                address.line2,
                address.postal_code,
                address.city,
                address.country,
                address.label,
            )
            if address
            else None,
        },
        "lines": [
            {
                "position": line.position,
                "kind": line.kind,
                "product_id": line.product_id,
                "reference": line.reference,
                "designation": line.designation,
                "quantity": line.quantity,
                "list_price_ht": money_text(line.list_price_ht),
                "unit_price_ht": money_text(line.unit_price_ht),
                "vat_rate": money_text(line.vat_rate),
                "line_total_ht": money_text(line.line_total_ht),
            }
            for line in lines
        ],
        "discount_percent": money_text(quote.discount_percent),
        "totals": {
            "goods_ht": money_text(document.goods_ht),
            "ht": money_text(document.totals.ht),
            "vat": money_text(document.totals.vat),
            "ttc": money_text(document.totals.ttc),
            "per_rate": [
                {
                    "rate": money_text(row.rate),
                    "base": money_text(row.base),
                    "vat": money_text(row.vat),
                }
                for row in document.totals.per_rate
            ],
        },
        "vat_regime": document.regime.as_dict(),
        "terms": {
            "version": terms.version,
            "effective_date": terms.effective_date.isoformat(),
            "path": terms_paths["fr"],
            # The other languages the version is published in, for information.
            "translations": {code: path for code, path in terms_paths.items() if code != "fr"},
        },
        "payment_methods": list(methods),
        "free_text": quote.free_text,
    }
