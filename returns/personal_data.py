"""What returns holds on a person, for their download (core.personal_data): the return
requests they made, with what they wrote."""

from __future__ import annotations

from core.personal_data import personal_data_section
from returns.models import ReturnRequest


@personal_data_section(name="return_requests", order=60)
def return_requests(*, user) -> list[dict]:
    return [
        {
            "rma_number": request.rma_number,
            "requested_at": request.requested_at,
            "status": request.status,
            "lines": [
                {
                    "invoice": line.invoice_line.invoice.number,
                    "reference": line.invoice_line.reference,
                    "quantity": line.quantity,
                    "serial_numbers": line.serial_numbers,
                    "reason": line.reason,
                    "description": line.description,
                    "discovered_on": line.discovered_on,
                    "photos": [photo.document.filename for photo in line.photos.all()],
                }
                for line in request.lines.all()
            ],
        }
        for request in ReturnRequest.objects.filter(requested_by=user)
        .prefetch_related("lines__invoice_line__invoice", "lines__photos__document")
        .order_by("requested_at", "pk")
    ]
