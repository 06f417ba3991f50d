"""Sales' screens: quotes (drafts edited with lines priced by the engine, issue, revise,
abandon, PDFs and verification), the pipeline, orders and the signature evidence.

The group "Service commercial" (data migration 0002) holds the permissions this work
needs. Every write goes through a service; the admin parses and presents.
"""

from orders.admin import evidence, orders, quotes

__all__ = ["evidence", "orders", "quotes"]
