"""Input validation of the customer's signing form (the rules themselves are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from orders.models import ComplaintKind, OrderStatus, SignatureMode
from orders.services.signature_image import MAX_BYTES, signature_png_check

# Where the error summary's link for a field leads (a radio group has no single input).
ERROR_ANCHORS = {
    "signature_mode": "signature-fieldset",
    "signature_data": "signature-pad",
    "payment_method": "payment-fieldset",
}


class QuoteSignForm(forms.Form):
    """The "Bon pour accord" form. Hidden fields tie it to the content shown.

    Every input is checked here, so a signatory learns of every missing field at once;
    the signing service checks them again (with the rules no form can know).
    """

    quote_id = forms.IntegerField(widget=forms.HiddenInput)
    content_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    pdf_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    signer_name = forms.CharField(
        label=_("Vos nom et prénom"),
        max_length=150,
        error_messages={"required": _("Indiquez vos nom et prénom.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    signer_title = forms.CharField(
        label=_("Votre qualité (fonction)"),
        max_length=150,
        help_text=_("Par exemple : gérant, directeur des achats."),
        error_messages={"required": _("Indiquez votre qualité (fonction) dans l'entreprise.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    signature_mode = forms.ChoiceField(
        label=_("Signature"),
        choices=[
            (SignatureMode.DRAWN, _("Dessiner ma signature (souris, doigt ou stylet)")),
            (SignatureMode.TYPED, _("Taper ma signature au clavier")),
        ],
        initial=SignatureMode.DRAWN,
        widget=forms.RadioSelect,
    )
    signature_data = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        max_length=(MAX_BYTES * 4) // 3 + 64,
        error_messages={
            "max_length": _("La signature reçue est trop volumineuse."),
        },
    )
    typed_signature = forms.CharField(
        label=_("Signature tapée"),
        required=False,
        max_length=150,
        help_text=_("Vos nom et prénom, qui tiennent lieu de signature."),
    )
    payment_method = forms.ChoiceField(
        label=_("Moyen de paiement"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez un moyen de paiement."),
            "invalid_choice": _("Ce moyen de paiement n'est pas proposé pour ce devis."),
        },
    )
    accept_terms = forms.BooleanField(required=False)

    def __init__(self, *args, payment_methods, expected_quote_id: int, terms_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_quote_id = expected_quote_id
        self.fields["payment_method"].choices = payment_methods
        if len(payment_methods) == 1:
            self.fields["payment_method"].initial = payment_methods[0][0]
        self.fields["accept_terms"].label = terms_label

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("signature_mode")
        if mode == SignatureMode.DRAWN and "signature_data" not in self.errors:
            try:
                signature_png_check(cleaned.get("signature_data", ""))
            except BusinessError as error:
                self.add_error("signature_data", error.message)
        elif mode == SignatureMode.TYPED and not " ".join(
            cleaned.get("typed_signature", "").split()
        ):
            self.add_error("typed_signature", _("Tapez votre signature (vos nom et prénom)."))
        if not cleaned.get("accept_terms"):
            self.add_error(
                "accept_terms",
                _("Cochez l'acceptation des conditions générales de vente pour signer."),
            )
        return cleaned

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) of every error, in the order of the form, for the summary
        at its top; the anchor is empty for errors about the form as a whole."""
        rows = [("", str(error)) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            anchor = ERROR_ANCHORS.get(name) or ("" if field.widget.is_hidden else f"id_{name}")
            rows += [(anchor, str(error)) for error in self.errors.get(name, [])]
        return rows

    def clean_quote_id(self):
        value = self.cleaned_data["quote_id"]
        if value != self.expected_quote_id:
            raise forms.ValidationError(
                _("Cette page ne correspond pas au devis demandé : rechargez-la."),
                code="quote_mismatch",
            )
        return value


class OrderFilterForm(forms.Form):
    """The filters of "Mes commandes" (GET): status, placing dates, TTC amount."""

    status = forms.ChoiceField(label=_("Statut"), required=False)
    placed_from = forms.DateField(
        label=_("Passée depuis le"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    placed_to = forms.DateField(
        label=_("Passée jusqu'au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount_min = forms.DecimalField(
        label=_("Montant TTC minimum"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    amount_max = forms.DecimalField(
        label=_("Montant TTC maximum"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tous")), *OrderStatus.choices]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", _("Le maximum doit être supérieur ou égal au minimum."))
        start, end = cleaned.get("placed_from"), cleaned.get("placed_to")
        if start and end and start > end:
            self.add_error("placed_to", _("La date de fin doit suivre la date de début."))
        return cleaned


class OrderCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (facultatif)"), required=False, max_length=500, widget=forms.Textarea
    )
    confirm = forms.BooleanField(
        label=_("Je confirme l'annulation aux conditions indiquées."),
        error_messages={"required": _("Cochez la confirmation pour annuler.")},
    )


class ModificationRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Modification souhaitée"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Décrivez la modification souhaitée.")},
    )


class PickupAppointmentForm(forms.Form):
    appointment_at = forms.DateTimeField(
        label=_("Date et heure du rendez-vous (heure de Paris)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        error_messages={
            "required": _("Choisissez la date et l'heure du rendez-vous."),
            "invalid": _("Date et heure du rendez-vous : au format JJ/MM/AAAA HH:MM."),
        },
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files in one input; each is checked by content in the view's service call."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_COMPLAINT_PHOTOS:
            raise forms.ValidationError(
                _("Au plus %(count)s photos."), params={"count": MAX_COMPLAINT_PHOTOS}
            )
        return [super(PhotosField, self).clean(one, initial) for one in files]


MAX_COMPLAINT_PHOTOS = 5


class ComplaintForm(forms.Form):
    """A reserve or complaint on one line of a delivered parcel, with photos."""

    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[
            (k, label) for k, label in ComplaintKind.choices if k != ComplaintKind.NON_DELIVERY
        ],
    )
    order_line = forms.TypedChoiceField(label=_("Article"), coerce=int)
    quantity = forms.IntegerField(label=_("Quantité concernée"), min_value=1, max_value=100_000)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": _("Décrivez ce que vous constatez.")},
    )
    photos = PhotosField(label=_("Photos (JPEG ou PNG)"), required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order_line"].choices = [
            (line.order_line_id, f"{line.order_line.reference} — {line.order_line.designation}")
            for line in lines
        ]


class NonDeliveryForm(forms.Form):
    description = forms.CharField(
        label=_("Précisions"),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": _("Précisez ce que vous attendiez.")},
    )
