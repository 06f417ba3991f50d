"""Input validation of billing's staff and customer forms."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# --- late payment -----------------------------------------------------------------------------


class OpenItemsImportForm(forms.Form):
    invoices = forms.FileField(label=_("Factures (CSV)"))
    payments = forms.FileField(label=_("Paiements (CSV)"), required=False)


class PenaltyWaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'abandon"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("Au"), required=False)

    def day(self, default: date) -> date:
        if self.is_valid() and self.cleaned_data["as_of"]:
            return self.cleaned_data["as_of"]
        return default


# --- invoices: the accountants' portal ---------------------------------------------------------


# The end of a period ("Du … Au …"), not a date of situation ("as of").
PERIOD_END = pgettext_lazy("fin de période", "Au")


class DocumentFilterForm(forms.Form):
    STATUSES = [
        ("", _("Toutes")),
        ("open", _("À payer")),
        ("overdue", _("En retard")),
        ("paid", _("Payées")),
    ]
    date_from = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=PERIOD_END, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Factures"), choices=STATUSES, required=False)


class ArchiveForm(forms.Form):
    date_from = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=PERIOD_END, widget=forms.DateInput(attrs={"type": "date"}))


# --- payments: the statement of account ----------------------------------------------------


class StatementPeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=PERIOD_END,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def period(self, today: date) -> tuple[date, date]:
        """The period asked, by default from 1 January to today; a reversed or unreadable
        period falls back to the default (the form shows why)."""
        default = (today.replace(month=1, day=1), today)
        if not self.is_valid():
            return default
        start = self.cleaned_data["date_from"] or default[0]
        end = self.cleaned_data["date_to"] or today
        return (start, end) if start <= end else default

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("La fin de la période précède son début."))
        return cleaned
