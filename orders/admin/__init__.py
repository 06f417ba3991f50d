"""Sales' screens: customers' quote requests, quotes (drafts edited with lines priced by
the engine, issue after confirmation, revise, abandon, PDFs and verification), the
pipeline, orders and the signature evidence.

The group "Service commercial" (data migration 0002) holds the permissions this work
needs. Every write goes through a service; the admin parses and presents.
"""

from orders.admin import evidence, orders, quote_requests, quotes, replacements

__all__ = ["evidence", "orders", "quote_requests", "quotes", "replacements"]
