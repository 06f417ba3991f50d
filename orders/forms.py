"""Input validation of the customer's signing form (the rules themselves are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from orders.models import SignatureMode
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
