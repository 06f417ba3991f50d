"""Bank statement readers: CAMT.053 (ISO 20022 XML, lxml), CODA (Belgian banks, pycoda)
and a simple CSV, each giving the same `ParsedStatement` (docs/rules/payments.md)."""
