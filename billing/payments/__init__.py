"""Card payments through a payment provider: the interface, its signature scheme and the
sandbox provider the shop serves itself (docs/rules/payments.md)."""
