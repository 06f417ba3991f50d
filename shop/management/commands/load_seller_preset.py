from django.core.management.base import BaseCommand, CommandError

from core.errors import BusinessError
from shop.presets import PRESET_CODES
from shop.selectors import terms_published_list
from shop.services import seller_preset_load


class Command(BaseCommand):
    help = (
        "Charge l'identité d'un vendeur et ses conditions générales de vente publiées "
        "(version 1) depuis un préréglage 000 à 004. Sans effet s'il est déjà chargé."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", choices=PRESET_CODES, help="Préréglage : 000 à 004.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Remplacer un autre vendeur déjà enregistré (base sans devis ni commandes "
                "seulement)."
            ),
        )

    def handle(self, *args, code: str, replace: bool, **options):
        try:
            seller = seller_preset_load(code=code, replace=replace)
        except BusinessError as error:
            raise CommandError(error.message) from error
        versions = ", ".join(
            f"{terms.version} (en vigueur le {terms.effective_date:%d/%m/%Y})"
            for terms in terms_published_list(seller=seller)
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Préréglage {code} : vendeur {seller.legal_name} ({seller.country}), "
                f"CGV publiées : version {versions}."
            )
        )
