"""Choices of the returns rules (module level, so that models and pure rules share them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReturnReason(models.TextChoices):
    """Why the customer sends an item back (docs/rules/returns-warranty.md)."""

    TRANSPORT_DAMAGE = "transport_damage", _("dommage dû au transport")
    MISSING_ITEM = "missing_item", _("article manquant")
    NON_CONFORMITY = "non_conformity", _("non-conformité à la commande")
    DEFECT = "defect", _("panne sous garantie")
    HIDDEN_DEFECT = "hidden_defect", _("vice caché")
    COMMERCIAL = "commercial", _("retour commercial (invendu)")


# Reasons that are delivery complaints: judged by the complaint window from the delivery.
DELIVERY_COMPLAINTS = frozenset(
    {ReturnReason.TRANSPORT_DAMAGE, ReturnReason.MISSING_ITEM, ReturnReason.NON_CONFORMITY}
)


class Outcome(models.TextChoices):
    """What the seller does with a received item, at its choice among those allowed."""

    REPAIR = "repair", _("réparation")
    STANDARD_EXCHANGE = "standard_exchange", _("échange standard")
    REPLACEMENT = "replacement", _("envoi d'un article de remplacement")
    CREDIT_NOTE = "credit_note", _("avoir")


# Outcomes that send goods back to the customer: the way back the Terms charge to the
# customer or the seller (reshipping_charged_to_customer).
SENT_BACK = frozenset({Outcome.REPAIR, Outcome.STANDARD_EXCHANGE, Outcome.REPLACEMENT})
