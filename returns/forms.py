"""Input of the return pages, parsed and validated for format only (rules are the services').

The request form has one row of fields per invoice line, named `l<line id>_<name>` (see
`returns.services.line_field`): a row with an empty quantity is not returned.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from core.forms import serials_parse
from core.uploads import upload_check
from returns.choices import Outcome
from returns.services import ReturnLineInput, line_field

ROW = re.compile(r"^l(\d+)_quantity$")
MAX_PHOTOS = 5


def posted_line_ids(data) -> list[int]:
    """Invoice lines the customer gave a quantity for, in the form's order."""
    return [
        int(match.group(1))
        for key in data
        if (match := ROW.match(key)) and data.get(key, "").strip()
    ]


def _quantity(data, pk: int) -> int:
    text = data.get(line_field(pk, "quantity"), "").strip()
    if not text.isdigit():
        raise BusinessError(
            "return_quantity_format",
            _("Quantité : un nombre entier."),
            field=line_field(pk, "quantity"),
        )
    return int(text)


def _discovered_on(data, pk: int) -> date | None:
    text = data.get(line_field(pk, "discovered_on"), "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BusinessError(
            "return_date_format",
            _("Date au format JJ/MM/AAAA."),
            field=line_field(pk, "discovered_on"),
        ) from None


def return_line_input(data, files, pk: int) -> ReturnLineInput:
    """One row of the request form; BusinessError on the field of a malformed value or a
    refused photo (checked by content, core.uploads)."""
    photos_field = line_field(pk, "photos")
    uploads = files.getlist(photos_field)
    if len(uploads) > MAX_PHOTOS:
        raise BusinessError(
            "return_photos_count",
            _("Au plus %(count)s photos par ligne."),
            field=photos_field,
            params={"count": MAX_PHOTOS},
        )
    return ReturnLineInput(
        invoice_line_id=pk,
        quantity=_quantity(data, pk),
        reason=data.get(line_field(pk, "reason"), ""),
        description=data.get(line_field(pk, "description"), ""),
        serial_numbers=serials_parse(data.get(line_field(pk, "serials"), "")),
        discovered_on=_discovered_on(data, pk),
        photos=tuple(upload_check(uploaded_file=f, field=photos_field) for f in uploads),
    )


class AuthoriseForm(forms.Form):
    deadline = forms.DateField(
        label=_("Colis attendu au plus tard le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Seulement quand les CGV laissent le personnel fixer la date (004)."),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 3}))


class IntakeForm(forms.Form):
    received_on = forms.DateField(
        label=_("Colis reçu le"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    packaging_ok = forms.BooleanField(
        label=_("Emballage d'origine présent et en bon état"), required=False
    )
    notes = forms.CharField(
        label=_("Notes de réception"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(forms.Form):
    customer_caused = forms.BooleanField(label=_("Retour imputable au client"), required=False)
    return_costs_ht = forms.DecimalField(
        label=_("Frais de retour facturés (HT)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        help_text=_("Seulement quand les CGV facturent les frais de retour (004)."),
    )
    reshipping_costs_ht = forms.DecimalField(
        label=_("Frais de réexpédition facturés (HT)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        help_text=_(
            "Les CGV mettent le renvoi au client à sa charge (001) : requis quand un article "
            "est réparé, échangé ou remplacé, vide sinon."
        ),
    )

    def __init__(self, *args, reshipping_charged: bool, **kwargs):
        """Without the reshipping amount when the Terms leave the way back to the seller."""
        super().__init__(*args, **kwargs)
        if not reshipping_charged:
            del self.fields["reshipping_costs_ht"]


OUTCOME_CHOICES = [("", _("refuser l'article (à reprendre par le client)")), *Outcome.choices]
