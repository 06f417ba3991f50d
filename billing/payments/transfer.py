"""Bank transfer instructions: the seller's account, the amount, the reference to quote,
and the EPC QR code ("SEPA credit transfer" QR, EPC069-12) a banking app scans.

The reference is the number of the document paid (order, quote or invoice). For a
Belgian seller it is the **Belgian structured communication** built from that number,
`+++DDD/DDDD/DDDCC+++`: ten digits (the kind of document, the last three digits of its
year, its six-digit sequence) and a mod-97 check of two digits, 97 when the remainder is
0. Belgian banks carry it end to end, so a statement line points back to its document
(`document_number_from_structured`). Rules: docs/rules/payments.md.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import segno
import segno.helpers
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from core.errors import BusinessError
from shop.models import Seller

# The first digit of a structured communication: which series the number belongs to.
DOCUMENT_KINDS = {"CMD": "1", "FA": "2", "DEV": "3"}
_KIND_PREFIX = {digit: prefix for prefix, digit in DOCUMENT_KINDS.items()}
_NUMBER = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<year>\d{4})-(?P<seq>\d{1,6})$")
_STRUCTURED = re.compile(r"^(?:\+{3}|\*{3})?(\d{3})/?(\d{4})/?(\d{5})(?:\+{3}|\*{3})?$")


def structured_check_digits(base: str) -> str:
    """The two check digits of ten digits: their value mod 97, or 97 when that is 0."""
    return f"{int(base) % 97 or 97:02d}"


def structured_format(digits: str) -> str:
    return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"


def structured_communication(number: str) -> str:
    """`+++DDD/DDDD/DDDCC+++` for the document `number` ("CMD-2026-000123")."""
    match = _NUMBER.match(number)
    if match is None or match["prefix"] not in DOCUMENT_KINDS:
        raise ValueError(f"No structured communication for {number!r}.")
    base = DOCUMENT_KINDS[match["prefix"]] + match["year"][-3:] + match["seq"].zfill(6)
    return structured_format(base + structured_check_digits(base))


def structured_parse(text: str) -> str:
    """The 12 digits of a structured communication as typed or printed by a bank
    (`+++…+++`, `***…***`, with or without slashes and spaces).

    Errors: BusinessError `structured_malformed` when it is not 12 digits,
    `structured_check_digit` when the check digits do not match.
    """
    match = _STRUCTURED.match("".join(text.split()))
    if match is None:
        raise BusinessError(
            "structured_malformed",
            _("« %(text)s » n'est pas une communication structurée (12 chiffres)."),
            params={"text": text[:40]},
        )
    digits = "".join(match.groups())
    if structured_check_digits(digits[:10]) != digits[10:]:
        raise BusinessError(
            "structured_check_digit",
            _("Communication structurée %(text)s : chiffres de contrôle erronés."),
            params={"text": structured_format(digits)},
        )
    return digits


def document_number_from_structured(digits: str) -> str | None:
    """The document number a valid structured communication was built from, or None
    when its first digit names no series. The century is the current one (2000-2999)."""
    prefix = _KIND_PREFIX.get(digits[0])
    if prefix is None:
        return None
    return f"{prefix}-2{digits[1:4]}-{digits[4:10]}"


@dataclass(frozen=True)
class TransferInstructions:
    beneficiary: str
    iban: str
    iban_display: str
    bic: str
    amount: Decimal
    reference: str
    structured: bool

    def qr_png(self, *, scale: int = 4) -> bytes:
        out = io.BytesIO()
        epc_qr(self).save(out, kind="png", scale=scale, border=4)
        return out.getvalue()

    def qr_data_uri(self) -> str:
        """An SVG data URI, for pages and PDFs (the CSP allows `data:` images)."""
        out = io.BytesIO()
        epc_qr(self).save(out, kind="svg", scale=4, border=4, xmldecl=False)
        return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def transfer_instructions(
    *, seller: Seller, amount: Decimal, document_number: str
) -> TransferInstructions | None:
    """What a payer needs to pay `amount` for `document_number` by transfer, or None when
    the seller has no valid IBAN (the page then says to contact the seller)."""
    try:
        iban = IBAN(seller.iban)
        bic = BIC(seller.bic) if seller.bic else iban.bic
    except SchwiftyException:
        return None
    belgian = seller.country == Seller.Country.BELGIUM
    reference = structured_communication(document_number) if belgian else document_number
    return TransferInstructions(
        beneficiary=seller.legal_name,
        iban=iban.compact,
        iban_display=iban.formatted,
        bic=str(bic) if bic else "",
        amount=amount,
        reference=reference,
        structured=belgian,
    )


def epc_qr(instructions: TransferInstructions) -> segno.QRCode:
    """The EPC QR code: the structured communication (12 digits) in the structured
    remittance field, any other reference in the unstructured one."""
    remittance = (
        {"reference": re.sub(r"\D", "", instructions.reference)}
        if instructions.structured
        else {"text": instructions.reference}
    )
    return segno.helpers.make_epc_qr(
        name=instructions.beneficiary[:70],
        iban=instructions.iban,
        amount=instructions.amount,
        bic=instructions.bic or None,
        **remittance,
    )
