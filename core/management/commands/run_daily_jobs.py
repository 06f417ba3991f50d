from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.jobs import business_today, registered_jobs, run_daily_jobs


class Command(BaseCommand):
    help = "Run every registered daily job for one business day (default: today, Europe/Paris)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the business day, YYYY-MM-DD")

    def handle(self, *args, **options):
        if options["date"]:
            try:
                as_of = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, got {options['date']!r}") from exc
        else:
            as_of = business_today()
        jobs = registered_jobs()
        if not jobs:
            self.stdout.write(f"{as_of}: no daily job is registered.")
            return
        for run in run_daily_jobs(as_of=as_of, jobs=jobs):
            self.stdout.write(f"{as_of} {run.job}: {run.summary}")
