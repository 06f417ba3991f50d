"""A customer's return request, per invoice line (docs/rules/returns-warranty.md).

Every line is checked before anything is written: the line is the company's, on a sale
invoice, of goods; the quantity fits in what was invoiced minus what live returns already
hold; the serial numbers were shipped on that line and are not in another live return;
the item is still covered for the reason given, on the request day. A refusal names the
line's field, so the form shows it there and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.models import InvoiceKind, InvoiceLine, LineKind
from core.audit import Actor, audit_record
from core.calendar import localdate
from core.documents import document_store
from core.errors import BusinessError
from core.uploads import CheckedUpload
from returns.choices import ReturnReason
from returns.models import ReturnLine, ReturnPhoto, ReturnRequest, ReturnStatus
from returns.selectors import (
    line_coverage,
    product_for_line,
    returned_quantity,
    serials_in_active_returns,
)


@dataclass(frozen=True)
class ReturnLineInput:
    invoice_line_id: int
    quantity: int
    reason: str
    description: str
    serial_numbers: tuple[str, ...] = ()
    discovered_on: date | None = None
    photos: tuple[CheckedUpload, ...] = field(default=())


def line_field(invoice_line_id: int, name: str) -> str:
    """The form field of `name` for one invoice line: errors are shown next to it."""
    return f"l{invoice_line_id}_{name}"


def _refuse(code: str, message, line: ReturnLineInput, name: str, **params) -> BusinessError:
    return BusinessError(code, message, field=line_field(line.invoice_line_id, name), params=params)


def _check_serials(line: ReturnLineInput, invoice_line: InvoiceLine) -> None:
    shipped = set(invoice_line.serial_numbers)
    given = list(line.serial_numbers)
    if len(set(given)) != len(given):
        raise _refuse(
            "return_serial_twice", _("Un numéro de série est donné deux fois."), line, "serials"
        )
    unknown = [serial for serial in given if serial not in shipped]
    if unknown:
        raise _refuse(
            "return_serial_unknown",
            _("Numéro de série non livré sur cette facture : %(serials)s."),
            line,
            "serials",
            serials=", ".join(unknown),
        )
    if shipped and len(given) != line.quantity:
        raise _refuse(
            "return_serial_count",
            _("Donnez le numéro de série de chacun des %(count)s articles retournés."),
            line,
            "serials",
            count=line.quantity,
        )
    taken = sorted(set(given) & serials_in_active_returns(invoice_line=invoice_line))
    if taken:
        raise _refuse(
            "return_serial_taken",
            _("Déjà dans une autre demande de retour : %(serials)s."),
            line,
            "serials",
            serials=", ".join(taken),
        )


def _check_line(line: ReturnLineInput, invoice_line: InvoiceLine, requested_on: date):
    if (
        invoice_line.invoice.kind != InvoiceKind.GOODS_AND_SERVICES
        or invoice_line.kind != LineKind.GOODS
    ):
        raise _refuse(
            "return_not_goods", _("Seule une marchandise peut être retournée."), line, "quantity"
        )
    if line.reason not in ReturnReason.values:
        raise _refuse("return_reason", _("Choisissez le motif du retour."), line, "reason")
    if line.quantity < 1:
        raise _refuse("return_quantity", _("Indiquez une quantité d'au moins 1."), line, "quantity")
    available = invoice_line.quantity - returned_quantity(invoice_line=invoice_line)
    if line.quantity > available:
        raise _refuse(
            "return_quantity_exceeded",
            _(
                "Au plus %(available)s : %(invoiced)s facturé(s), moins ceux déjà dans une "
                "demande de retour."
            ),
            line,
            "quantity",
            available=max(available, 0),
            invoiced=invoice_line.quantity,
        )
    if not line.description.strip():
        raise _refuse(
            "return_description", _("Décrivez le problème constaté."), line, "description"
        )
    if line.discovered_on is not None and line.discovered_on > requested_on:
        raise _refuse(
            "return_discovered_future",
            _("La date de découverte ne peut pas être dans le futur."),
            line,
            "discovered_on",
        )
    _check_serials(line, invoice_line)
    product = product_for_line(invoice_line=invoice_line)
    coverage = line_coverage(
        invoice_line=invoice_line,
        reason=line.reason,
        requested_on=requested_on,
        discovered_on=line.discovered_on,
        product=product,
    )
    if not coverage.covered:
        raise BusinessError(
            f"return_not_covered_{coverage.rule}",
            coverage.message,
            field=line_field(line.invoice_line_id, "reason"),
        )
    return product, coverage


def return_request_create(
    *, company: Company, user, lines: Sequence[ReturnLineInput]
) -> ReturnRequest:
    """Record a return request of `company` by `user` for `lines`.

    Preconditions: every invoice line is one of the company's (the view resolved them
    through `invoice_line_get_for_company`, so another company's line is a 404 before this).
    Effects (one transaction, the company row locked so that two requests cannot both
    take the last units): the request in "requested", pinned to the Terms of its most
    recent invoice; its lines with the product's warranty settings and the coverage of
    the day; the photos stored; audited.
    Raises BusinessError `return_empty`, `return_line_other_company`, `return_not_goods`,
    `return_reason`, `return_quantity`, `return_quantity_exceeded`, `return_description`,
    `return_discovered_future`, `return_serial_*`, `return_not_covered_<rule>`.
    """
    if not lines:
        raise BusinessError(
            "return_empty", _("Indiquez au moins une ligne à retourner (quantité).")
        )
    now = timezone.now()
    requested_on = localdate(now)
    with transaction.atomic():
        Company.objects.select_for_update(no_key=True).get(pk=company.pk)
        invoice_lines = {
            found.pk: found
            for found in InvoiceLine.objects.filter(
                pk__in=[line.invoice_line_id for line in lines], invoice__company=company
            ).select_related("invoice__terms")
        }
        checked = []
        for line in lines:
            invoice_line = invoice_lines.get(line.invoice_line_id)
            if invoice_line is None:
                raise _refuse(
                    "return_line_other_company",
                    _("Cette ligne de facture n'est pas celle de votre entreprise."),
                    line,
                    "quantity",
                )
            checked.append((line, invoice_line, *_check_line(line, invoice_line, requested_on)))
        latest = max(
            (invoice_line.invoice for _l, invoice_line, *_ in checked),
            key=lambda i: (i.issue_date, i.pk),
        )
        request = ReturnRequest.objects.create(
            company=company,
            terms=latest.terms,
            requested_by=user,
            requested_at=now,
            status=ReturnStatus.REQUESTED,
        )
        for line, invoice_line, product, coverage in checked:
            row = ReturnLine.objects.create(
                request=request,
                invoice_line=invoice_line,
                quantity=line.quantity,
                serial_numbers=list(line.serial_numbers),
                reason=line.reason,
                description=line.description.strip(),
                discovered_on=line.discovered_on,
                warranty_class=product.warranty_class if product else "standard",
                manufacturer_warranty=product.manufacturer_warranty if product else False,
                is_own_product=product.is_own_product if product else False,
                brand_warranty_months=product.brand_warranty_months if product else None,
                coverage_rule=coverage.rule,
                covered_until=coverage.until,
            )
            for photo in line.photos:
                document = document_store(
                    content=photo.content,
                    filename=photo.original_name,
                    content_type=photo.content_type,
                    kind="return-photo",
                    created_by=user,
                )
                ReturnPhoto.objects.create(line=row, document=document)
        audit_record(obj=request, actor=Actor.of_user(user), to_state=ReturnStatus.REQUESTED)
    return request
