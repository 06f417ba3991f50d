"""Input validation of the customer's signing form (the rules themselves are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import SignatureMode
from orders.services.signature_image import MAX_BYTES


class QuoteSignForm(forms.Form):
    """The "Bon pour accord" form. Hidden fields tie it to the content shown."""

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

    def clean_quote_id(self):
        value = self.cleaned_data["quote_id"]
        if value != self.expected_quote_id:
            raise forms.ValidationError(
                _("Cette page ne correspond pas au devis demandé : rechargez-la."),
                code="quote_mismatch",
            )
        return value
