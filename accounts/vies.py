"""Checking a VAT number against the EU VIES service, through an adapter named by the
setting `VIES_CHECKER`.

- `OfflineViesChecker` (the default) queries nothing and answers "not checked": the shop
  cannot reach VIES (a developer's machine, the tests) or the seller does not want it.
- `StdnumViesChecker` asks VIES with python-stdnum's SOAP client (what
  `stdnum.eu.vat.check_vies` does), at `VIES_WSDL_URL`, waiting at most
  `VIES_TIMEOUT_SECONDS`. A fault of VIES (a member state's service down, too many
  requests) or of the network is the answer "unavailable", never an error for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests
import zeep.exceptions
from django.conf import settings
from django.utils.module_loading import import_string
from stdnum.util import get_soap_client

from accounts.models import VatCheckResult

# What VIES prints where a member state does not disclose the name or the address.
UNDISCLOSED = "---"


@dataclass(frozen=True)
class ViesAnswer:
    result: str
    name: str = ""
    address: str = ""
    detail: str = ""


class ViesChecker(Protocol):
    name: str

    def check(self, vat_number: str) -> ViesAnswer: ...


class OfflineViesChecker:
    """Queries nothing: every number is "not checked"; the reviewer follows the VIES link."""

    name = "hors ligne"

    def check(self, vat_number: str) -> ViesAnswer:
        return ViesAnswer(VatCheckResult.NOT_CHECKED)


class StdnumViesChecker:
    """VIES's `checkVat` operation through python-stdnum's SOAP client (zeep)."""

    name = "VIES"

    def __init__(self, *, wsdl_url: str | None = None, timeout: float | None = None):
        self.wsdl_url = wsdl_url or settings.VIES_WSDL_URL
        self.timeout = timeout if timeout is not None else settings.VIES_TIMEOUT_SECONDS

    def check(self, vat_number: str) -> ViesAnswer:
        try:
            client = get_soap_client(self.wsdl_url, timeout=self.timeout)
            reply = client.checkVat(vat_number[:2], vat_number[2:])
        except zeep.exceptions.Fault as fault:
            # VIES's own refusals: MS_UNAVAILABLE, TIMEOUT, MS_MAX_CONCURRENT_REQ…
            return ViesAnswer(VatCheckResult.UNAVAILABLE, detail=str(fault.message)[:255])
        except (zeep.exceptions.Error, requests.RequestException, OSError) as error:
            return ViesAnswer(VatCheckResult.UNAVAILABLE, detail=type(error).__name__)
        return ViesAnswer(
            VatCheckResult.VALID if reply.valid else VatCheckResult.INVALID,
            name=_disclosed(reply.name),
            address=_disclosed(reply.address),
        )


def _disclosed(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value == UNDISCLOSED else value


def vies_checker() -> ViesChecker:
    """The adapter named by `settings.VIES_CHECKER`."""
    return import_string(settings.VIES_CHECKER)()
