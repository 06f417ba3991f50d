from returns.models.lines import LineDecision, ReturnLine, ReturnPhoto
from returns.models.links import ReturnCreditNote, ReturnFeeInvoice, ReturnReplacement
from returns.models.requests import ReturnRequest, ReturnStatus

__all__ = [
    "LineDecision",
    "ReturnCreditNote",
    "ReturnFeeInvoice",
    "ReturnLine",
    "ReturnPhoto",
    "ReturnReplacement",
    "ReturnRequest",
    "ReturnStatus",
]
