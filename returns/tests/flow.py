"""Drive a return through its services on given days (time-machine moves the clock)."""

from __future__ import annotations

from datetime import date, datetime, time

import time_machine

from core.calendar import PARIS
from returns.services import (
    IntakeLineInput,
    LineOutcomeInput,
    return_authorise,
    return_decide,
    return_intake_record,
    return_process,
)
from returns.tests.factories import ACTOR, request_return


def at(day: date):
    """The clock at 10:00 Paris on `day`."""
    return time_machine.travel(datetime.combine(day, time(10), tzinfo=PARIS), tick=False)


def requested(*, on: date, **kwargs):
    with at(on):
        return request_return(**kwargs)


def authorised(rma, *, on: date, **kwargs):
    with at(on):
        return return_authorise(request=rma, actor=ACTOR, on=on, **kwargs)


def received(rma, *, on: date, packaging_ok: bool = True, serials=None, modified=False):
    lines = [
        IntakeLineInput(
            line_id=line.pk,
            serials_received=tuple(serials if serials is not None else line.serial_numbers),
            diagnosis="Panne confirmée.",
            modified_by_customer=modified,
        )
        for line in rma.lines.all()
    ]
    with at(on):
        return return_intake_record(
            request=rma, actor=ACTOR, received_on=on, packaging_ok=packaging_ok, lines=lines
        )


def decided(rma, *, on: date, outcome: str, value=None, **kwargs):
    lines = [
        LineOutcomeInput(line_id=line.pk, outcome=outcome, value_at_intake_ht=value)
        for line in rma.lines.all()
    ]
    with at(on):
        return return_decide(request=rma, actor=ACTOR, on=on, lines=lines, **kwargs)


def processed(rma, *, on: date):
    with at(on):
        return return_process(request=rma, actor=ACTOR, on=on)
