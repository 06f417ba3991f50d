"""What the PDF, the signing page and the portal show of a quote, built from its canonical
content only (never from live rows): the page and the PDF show exactly what is hashed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from core.calendar import PARIS, add_days
from orders.models import LineKind
from shop.models import Seller, TermsLanguage
from shop.models.terms_choices import PaymentMethod
from shop.services.pricing import ExtraKind


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def instant(text: str) -> datetime:
    """An instant of the content, in Europe/Paris for display."""
    return datetime.fromisoformat(text).astimezone(PARIS)


def validity_text(valid_until: datetime) -> str:
    """The validity end as the e-mail, the site and the PDF all state it.

    The stored end is exclusive, in Europe/Paris (the time of every buyer, French or
    Belgian). At midnight (a period in days) it reads "jusqu'au 14/12/2026 inclus", the
    previous day; otherwise (a period in hours) "jusqu'au 14/12/2026 à 15:30".
    """
    local = valid_until.astimezone(PARIS)
    if local.hour == 0 and local.minute == 0 and local.second == 0:
        last_day = add_days(local.date(), -1)
        return _("jusqu'au %(date)s inclus") % {"date": last_day.strftime("%d/%m/%Y")}
    return _("jusqu'au %(date)s à %(time)s") % {
        "date": local.strftime("%d/%m/%Y"),
        "time": local.strftime("%H:%M"),
    }


def remaining_text(*, valid_until: datetime, now: datetime) -> str:
    """ "3 jours 4 h", "5 h 12 min", "expiré": the countdown to the validity end."""
    seconds = int((valid_until - now).total_seconds())
    if seconds <= 0:
        return _("expiré")
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        return _("%(days)s j %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": max(minutes, 1)}


def quote_request_extras(quote_request) -> list[tuple[str, Decimal | None]]:
    """(label, amount HT, None when to be quoted) of a request's estimated eco-tax,
    packaging and shipping, as the cart showed them."""
    return [
        (str(ExtraKind(extra["kind"]).label), _decimal(extra["amount_ht"]))
        for extra in quote_request.extras
    ]


def payment_method_labels(methods) -> list[tuple[str, str]]:
    labels = dict(PaymentMethod.choices)
    return [(method, str(labels.get(method, method))) for method in methods]


def quote_document(content: dict) -> dict:
    """The template context of a quote's content (PDF, signing page, portal detail)."""
    lines = []
    extras = []
    for line in content["lines"]:
        row = {
            **line,
            "unit_price_ht": _decimal(line["unit_price_ht"]),
            "line_total_ht": _decimal(line["line_total_ht"]),
            "vat_rate": _decimal(line["vat_rate"]),
            "list_price_ht": _decimal(line["list_price_ht"]),
        }
        if line["kind"] in (LineKind.GOODS, LineKind.SPECIAL):
            lines.append(row)
        else:
            extras.append(row)
    totals = content["totals"]
    quote = content["quote"]
    valid_until = instant(content["validity"]["valid_until"])
    # An unsaved Seller holding the frozen identity, for its display helpers.
    seller = Seller(
        **{**content["seller"], "share_capital": _decimal(content["seller"]["share_capital"])}
    )
    site = settings.SITE_URL.rstrip("/")
    reference = (
        quote["number"] if quote["version"] == 1 else f"{quote['number']} v{quote['version']}"
    )
    return {
        "seller": seller,
        "buyer": content["buyer"],
        "quote": quote,
        "reference": reference,
        "lines": lines,
        "extras": extras,
        "goods_ht": _decimal(totals["goods_ht"]),
        "total_ht": _decimal(totals["ht"]),
        "total_vat": _decimal(totals["vat"]),
        "total_ttc": _decimal(totals["ttc"]),
        "per_rate": [
            {"rate": _decimal(r["rate"]), "base": _decimal(r["base"]), "vat": _decimal(r["vat"])}
            for r in totals["per_rate"]
        ],
        "discount_percent": _decimal(content.get("discount_percent")),
        "vat_regime": content["vat_regime"],
        "issued_at": instant(content["validity"]["issued_at"]),
        "valid_until": valid_until,
        "validity_text": validity_text(valid_until),
        "payment_methods": payment_method_labels(content["payment_methods"]),
        "terms": {
            **content["terms"],
            "effective_date": date.fromisoformat(content["terms"]["effective_date"]),
        },
        "terms_url": site + content["terms"]["path"],
        # (language name, URL) of each other language of the version; French prevails.
        "terms_translations": [
            (str(TermsLanguage(code).label), site + path)
            for code, path in content["terms"].get("translations", {}).items()
        ],
        "free_text": content["free_text"],
        "special_order": quote["special_order"],
    }
