from django.core.management.base import BaseCommand, CommandError

from demo.services import demo_load


class Command(BaseCommand):
    help = "Load the demo seller (a preset), the demo catalogue and the demo staff login."

    def add_arguments(self, parser):
        parser.add_argument("--preset", default="000", help="seller preset, 000 to 004")

    def handle(self, *args, **options):
        try:
            loaded = demo_load(preset=options["preset"])
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        seller = loaded["seller"]
        self.stdout.write(f"Seller: {seller.legal_name} (preset {options['preset']})")
        self.stdout.write(
            f"Demo staff login (admin at /admin/): {loaded['staff_email']} / "
            f"{loaded['staff_password']}"
        )
        self.stdout.write(
            f"Demo customer login (approved company, every role): {loaded['customer_email']} / "
            f"{loaded['customer_password']}"
        )
