"""`manage.py accounting_export --from YYYY-MM-DD --to YYYY-MM-DD --output FILE.zip`:
the period archive for scheduled use (docs/rules/invoices.md, "Exports")."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from billing.exports.archive import archive_write


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{option} must be YYYY-MM-DD, got {value!r}") from error


class Command(BaseCommand):
    help = "Write the accounting archive (PDFs, ledger.csv, FEC) of a period to a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="the ZIP file to write")

    def handle(self, *args, **options):
        date_from = _day(options["date_from"], "--from")
        date_to = _day(options["date_to"], "--to")
        if date_to < date_from:
            raise CommandError("--to must not be before --from")
        output = Path(options["output"])
        partial = output.with_name(output.name + ".part")
        summary = archive_write(
            path=partial,
            date_from=date_from,
            date_to=date_to,
            progress=lambda done, total: self.stderr.write(f"{done}/{total}\r", ending=""),
        )
        partial.replace(output)
        self.stdout.write(
            f"{output}: {summary.documents} documents, {summary.entries} entries, "
            f"{summary.fec_name}"
        )
