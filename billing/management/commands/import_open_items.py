"""`manage.py import_open_items --invoices F.csv [--payments F.csv]`: opening balances."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.services.opening_balances import OpenItemsRejected, open_items_import
from core.audit import Actor


class Command(BaseCommand):
    help = (
        "Reprend les factures ouvertes (et leurs paiements) d'un ancien système : "
        "tout ou rien, avec la liste des erreurs par ligne."
    )

    def add_arguments(self, parser):
        parser.add_argument("--invoices", required=True, help="CSV des factures")
        parser.add_argument("--payments", help="CSV des paiements")

    def handle(self, *args, invoices: str, payments: str | None, **options):
        try:
            report = open_items_import(
                invoices_csv=Path(invoices).read_text(encoding="utf-8"),
                payments_csv=Path(payments).read_text(encoding="utf-8") if payments else None,
                actor=Actor.of_job("import_open_items"),
            )
        except OpenItemsRejected as rejected:
            for error in rejected.report.errors:
                self.stderr.write(str(error))
            raise CommandError(rejected.message) from None
        self.stdout.write(
            f"Factures : {report.invoices_created} créée(s), {report.invoices_unchanged} déjà "
            f"présente(s). Paiements : {report.payments_created} créé(s), "
            f"{report.payments_unchanged} déjà présent(s). Clients créés : "
            f"{report.companies_created}."
        )
