from returns.services.authorisation import (
    return_authorise,
    return_refuse,
    run_expire_return_authorisations,
)
from returns.services.intake import IntakeLineInput, return_intake_record
from returns.services.outcome import (
    LineOutcomeInput,
    return_close,
    return_decide,
    return_goods_collected,
    return_process,
    run_forfeit_uncollected_goods,
)
from returns.services.requests import ReturnLineInput, line_field, return_request_create

__all__ = [
    "IntakeLineInput",
    "LineOutcomeInput",
    "ReturnLineInput",
    "line_field",
    "return_authorise",
    "return_close",
    "return_decide",
    "return_goods_collected",
    "return_intake_record",
    "return_process",
    "return_refuse",
    "return_request_create",
    "run_expire_return_authorisations",
    "run_forfeit_uncollected_goods",
]
