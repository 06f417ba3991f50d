"""`manage.py receivables_export --as-of YYYY-MM-DD --output FILE.csv`: receivables as of a day."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from billing.receivables_csv import receivables_csv_write
from billing.selectors import receivables_as_of


class Command(BaseCommand):
    help = "Écrit les créances ouvertes ou payées en retard à une date, avec leurs pénalités (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="date ISO, par exemple 2025-06-30")
        parser.add_argument("--output", required=True, help="fichier CSV à écrire")

    def handle(self, *args, as_of: str, output: str, **options):
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of {as_of!r} n'est pas une date AAAA-MM-JJ.") from None
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = receivables_csv_write(receivables=receivables_as_of(as_of=day), out=out)
        self.stdout.write(f"{count} créance(s) au {day.isoformat()} écrites dans {output}.")
