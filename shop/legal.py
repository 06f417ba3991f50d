"""Amounts fixed by law, kept apart from any seller's Terms (which may only go above them).

RECOVERY_INDEMNITY: the fixed indemnity for recovery costs owed by a business paying late,
per invoice — France: Code de commerce art. L441-10 (II) and D441-5 (EUR 40); Belgium: loi
du 2 août 2002, art. 6 (EUR 40); both transpose directive 2011/7/EU, art. 6. It is the
default of `Terms.recovery_indemnity_amount` and what an invoice states when a version
leaves that amount empty without a collection fee in its place.

ECB_STATUTORY_MARGIN: the points added to the ECB's main refinancing rate for the French
statutory late-payment rate when the Terms set none (Code de commerce art. L441-10 (II):
"taux appliqué par la Banque centrale européenne à son opération de refinancement la plus
récente majoré de 10 points de pourcentage"); the rate of the half-year is the ECB rate in
force on its first day.

No imports from the models: the Terms model itself reads this module.
"""

from decimal import Decimal

RECOVERY_INDEMNITY = Decimal("40.00")
ECB_STATUTORY_MARGIN = Decimal("10")
