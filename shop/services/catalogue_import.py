"""CSV import and export of the catalogue, for sales staff in the admin.

The file is the one a French spreadsheet writes: `;` between columns (a tab or a
comma are recognised from the header line), decimals with a comma or a point, in
UTF-8 (with or without BOM) or Windows-1252. The header names the columns (`COLUMNS`);
only `reference`, `designation`, `prix_ht` and `taux_tva` are required. For an
existing reference only the columns present are updated.

All or nothing: every row is checked first; when one is wrong, nothing is written
and the report lists each bad row with its line number, column and reason. Then all
rows are written in one transaction (an upsert on the reference).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.money import to_decimal
from shop.models import (
    VAT_RATES_BY_COUNTRY,
    Brand,
    Category,
    DiscountClass,
    Product,
    QuantityTier,
    WarrantyClass,
)

REFERENCE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_ROWS = 50_000

# column -> model field (None: handled apart)
COLUMNS: dict[str, str | None] = {
    "reference": "reference",
    "designation": "designation",
    "description": "description",
    "categorie": None,
    "marque": None,
    "prix_ht": "price_ht",
    "taux_tva": "vat_rate",
    "stock": "stock_on_hand",
    "pcb": "pack_multiple",
    "pieces_par_lot": "lot_size",
    "classe_garantie": "warranty_class",
    "garantie_constructeur": "manufacturer_warranty",
    "produit_maison": "is_own_product",
    "configuration_sur_mesure": "custom_configuration",
    "classe_remise": "discount_class",
    "commander_separement": "order_separately",
    "console": "is_console",
    "indexe_devise": "is_currency_indexed",
    "devise": "indexed_currency",
    "eco_participation_ht": "eco_tax_ht",
    "emballage_ht": "packaging_ht",
    "en_vente": "is_active",
    "paliers": None,
}
FIELD_OF: dict[str, str] = {column: field for column, field in COLUMNS.items() if field}
REQUIRED = ("reference", "designation", "prix_ht", "taux_tva")
MONEY = {"prix_ht", "eco_participation_ht", "emballage_ht"}
COUNTS = {"stock": 0, "pcb": 1, "pieces_par_lot": 1}
BOOLEANS = {
    "garantie_constructeur",
    "produit_maison",
    "configuration_sur_mesure",
    "commander_separement",
    "console",
    "indexe_devise",
    "en_vente",
}
_TRUE = {"1", "oui", "o", "vrai", "true", "yes", "y", "x"}
_FALSE = {"0", "non", "n", "faux", "false", "no", ""}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    value: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


def csv_decode(content: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 (Excel's French default)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252")


def _header_key(name: str) -> str:
    return slugify(name.strip().lower()).replace("-", "_")


def _detect_delimiter(first_line: str) -> str | None:
    for delimiter in (";", "\t", ","):
        names = {_header_key(n) for n in next(csv.reader([first_line], delimiter=delimiter))}
        if {"reference", "prix_ht"} <= names:
            return delimiter
    return None


def _money(text: str) -> Decimal:
    cleaned = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("€", "")
    value = to_decimal(cleaned)
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


def _parse_tiers(text: str) -> list[tuple[int, Decimal]]:
    """ "10:90,00|50:80,00" -> [(10, 90.00), (50, 80.00)]."""
    tiers = []
    for part in filter(None, (p.strip() for p in text.split("|"))):
        quantity, _sep, price = part.partition(":")
        if not quantity.strip().isdigit() or int(quantity) < 2:
            raise ValueError(part)
        tiers.append((int(quantity), _money(price.strip())))
    if len({q for q, _p in tiers}) != len(tiers):
        raise ValueError(text)
    return tiers


def catalogue_import(*, content: bytes, seller_country: str) -> ImportReport:
    """Check then import a catalogue CSV; nothing is written unless every row is right.

    Raises nothing for bad data: the report carries a file-level error (encoding,
    separator, missing columns) or the list of row errors.
    """
    report = ImportReport()
    text = csv_decode(content)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        report.file_error = str(_("Le fichier est vide."))
        return report
    delimiter = _detect_delimiter(lines[0])
    if delimiter is None:
        report.file_error = str(
            _(
                "Séparateur ou en-têtes non reconnus : la première ligne doit nommer les "
                "colonnes (au moins reference, designation, prix_ht, taux_tva) séparées par "
                "des points-virgules."
            )
        )
        return report
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_header_key(name) for name in next(reader)]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(str(_("colonnes manquantes : %s")) % ", ".join(missing))
        if unknown:
            parts.append(str(_("colonnes inconnues : %s")) % ", ".join(unknown))
        report.file_error = str(_("En-têtes incorrects (%s).")) % " ; ".join(parts)
        return report
    rates = VAT_RATES_BY_COUNTRY[seller_country]
    parsed: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for line_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(parsed) >= MAX_ROWS:
            report.file_error = str(_("Trop de lignes : au plus %s par fichier.")) % MAX_ROWS
            return report
        if len(cells) != len(header):
            report.errors.append(
                RowError(
                    line_number,
                    "",
                    delimiter.join(cells)[:80],
                    str(_("%(found)s colonnes au lieu de %(expected)s (séparateur en trop ?)."))
                    % {"found": len(cells), "expected": len(header)},
                )
            )
            continue
        row = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        values, errors = _check_row(row, line_number=line_number, rates=rates)
        reference = values.get("reference", "").upper()
        if reference and reference in seen:
            errors.append(
                RowError(
                    line_number,
                    "reference",
                    row["reference"],
                    str(_("Référence en double (déjà en ligne %s).")) % seen[reference],
                )
            )
        elif reference:
            seen[reference] = line_number
        report.errors.extend(errors)
        if not errors:
            parsed.append((line_number, values))
    if report.errors:
        return report
    if not parsed:
        report.file_error = str(_("Aucune ligne de produit dans le fichier."))
        return report
    try:
        _write(parsed, header=header, report=report)
    except IntegrityError as error:
        report.created = report.updated = 0
        report.file_error = str(_("Import annulé, rien n'a été enregistré : %s")) % error
    return report


def _check_row(row: dict, *, line_number: int, rates) -> tuple[dict, list[RowError]]:
    values: dict = {}
    errors: list[RowError] = []

    def bad(column, message):
        errors.append(RowError(line_number, column, row.get(column, ""), str(message)))

    reference = row["reference"]
    if not REFERENCE_PATTERN.fullmatch(reference):
        bad("reference", _("Référence vide ou invalide (lettres, chiffres, - . _ ; 64 au plus)."))
    values["reference"] = reference
    if not row["designation"] or len(row["designation"]) > 255:
        bad("designation", _("Désignation obligatoire (255 caractères au plus)."))
    values["designation"] = row["designation"]
    for column, value in row.items():
        if column in ("reference", "designation"):
            continue
        try:
            if column in MONEY:
                if column == "prix_ht" and not value:
                    raise ValueError(value)
                values[column] = _money(value) if value else Decimal("0.00")
            elif column == "taux_tva":
                rate = to_decimal(value.replace("%", "").strip())
                if rate.quantize(Decimal("0.01")) not in rates:
                    bad(
                        column,
                        _("Taux de TVA %(rate)s %% inexistant ; taux permis : %(rates)s.")
                        % {
                            "rate": value,
                            "rates": " ; ".join(
                                f"{r.normalize():f}".replace(".", ",") for r in rates
                            ),
                        },
                    )
                    continue
                values[column] = rate.quantize(Decimal("0.01"))
            elif column in COUNTS:
                if not value:
                    values[column] = COUNTS[column]
                    continue
                if not value.isdigit() or int(value) < COUNTS[column]:
                    raise ValueError(value)
                values[column] = int(value)
            elif column in BOOLEANS:
                lowered = value.lower()
                if lowered not in _TRUE | _FALSE:
                    bad(column, _("Répondez oui ou non."))
                    continue
                values[column] = lowered in _TRUE
            elif column == "classe_remise":
                if value.upper() not in DiscountClass.values:
                    bad(column, _("Classe de remise : vide (normale), L ou S."))
                    continue
                values[column] = value.upper()
            elif column == "classe_garantie":
                code = value or WarrantyClass.STANDARD
                if code not in WarrantyClass.values:
                    bad(
                        column,
                        _("Classe de garantie inconnue : %s.") % ", ".join(WarrantyClass.values),
                    )
                    continue
                values[column] = code
            elif column == "devise":
                if value and not re.fullmatch(r"[A-Za-z]{3}", value):
                    bad(column, _("Devise : code ISO de 3 lettres, par exemple USD."))
                    continue
                values[column] = value.upper()
            elif column == "paliers":
                values[column] = _parse_tiers(value)
            else:
                values[column] = value
        except (ValueError, TypeError, ArithmeticError):
            bad(column, _FORMAT_MESSAGES.get(column, _("Valeur invalide.")))
    if values.get("indexe_devise") and not values.get("devise"):
        bad("devise", _("Un produit indexé sur une devise doit indiquer la devise (USD…)."))
    if "indexe_devise" in values and not values["indexe_devise"]:
        values["devise"] = ""
    elif values.get("devise") and "indexe_devise" not in values:
        values["indexe_devise"] = True
    if values.get("classe_remise") == DiscountClass.NEVER_DISCOUNTED and values.get("paliers"):
        bad("paliers", _("Un produit de classe S n'est jamais remisé : pas de paliers."))
    pcb = values.get("pcb", 1)
    for quantity, _price in values.get("paliers", []):
        if quantity % pcb:
            bad(
                "paliers",
                _("Le palier %(q)s n'est pas un multiple du PCB %(pcb)s.")
                % {"q": quantity, "pcb": pcb},
            )
    return values, errors


_FORMAT_MESSAGES = {
    "prix_ht": _("Prix HT invalide : un nombre positif, 2 décimales au plus (12,50 ou 12.50)."),
    "eco_participation_ht": _("Éco-participation invalide : montant positif (0,42)."),
    "emballage_ht": _("Emballage invalide : montant positif (5,00)."),
    "taux_tva": _("Taux de TVA invalide : un nombre (20 ou 5,5)."),
    "stock": _("Stock invalide : un nombre entier positif ou nul."),
    "pcb": _("PCB invalide : un nombre entier d'au moins 1."),
    "pieces_par_lot": _("Pièces par lot invalide : un nombre entier d'au moins 1."),
    "paliers": _("Paliers invalides : QUANTITÉ:PRIX séparés par |, par exemple 10:90,00|50:80,00."),
}


def _write(parsed: list[tuple[int, dict]], *, header: list[str], report: ImportReport) -> None:
    field_columns = [c for c in header if c in FIELD_OF]
    if "devise" in header and "indexe_devise" not in header:
        field_columns.append("indexe_devise")
    update_fields = [FIELD_OF[c] for c in field_columns if c != "reference"]
    with transaction.atomic():
        categories = _categories([v.get("categorie", "") for _l, v in parsed])
        brands = _brands([v.get("marque", "") for _l, v in parsed])
        if "categorie" in header:
            update_fields.append("category")
        if "marque" in header:
            update_fields.append("brand")
        existing = set(
            Product.objects.filter(reference__in=[v["reference"] for _l, v in parsed]).values_list(
                "reference", flat=True
            )
        )
        objects = []
        for _line, values in parsed:
            kwargs = {FIELD_OF[c]: values[c] for c in field_columns if c in values}
            if "categorie" in header:
                kwargs["category"] = categories.get(values["categorie"].lower())
            if "marque" in header:
                kwargs["brand"] = brands.get(values["marque"].lower())
            objects.append(Product(**kwargs))
        Product.objects.bulk_create(
            objects,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["reference"],
            update_fields=update_fields,
        )
        if "paliers" in header:
            by_reference = dict(
                Product.objects.filter(reference__in=[o.reference for o in objects]).values_list(
                    "reference", "pk"
                )
            )
            QuantityTier.objects.filter(product_id__in=by_reference.values()).delete()
            QuantityTier.objects.bulk_create(
                [
                    QuantityTier(
                        product_id=by_reference[values["reference"]],
                        min_quantity=quantity,
                        unit_price_ht=price,
                    )
                    for _l, values in parsed
                    for quantity, price in values.get("paliers", [])
                ],
                batch_size=2000,
            )
    report.updated = sum(1 for o in objects if o.reference in existing)
    report.created = len(objects) - report.updated


def _categories(names: Iterable[str]) -> dict[str, Category]:
    wanted = {n.strip() for n in names if n and n.strip()}
    found: dict[str, Category] = {}
    for category in Category.objects.all():
        found[category.slug.lower()] = category
        found[category.name.lower()] = category
    for name in sorted(wanted):
        if name.lower() not in found:
            slug = slugify(name)[:120] or "categorie"
            category, _created = Category.objects.get_or_create(slug=slug, defaults={"name": name})
            found[name.lower()] = category
    return found


def _brands(names: Iterable[str]) -> dict[str, Brand]:
    wanted = {n.strip() for n in names if n and n.strip()}
    found = {b.name.lower(): b for b in Brand.objects.all()}
    for name in sorted(wanted):
        if name.lower() not in found:
            found[name.lower()] = Brand.objects.create(name=name[:100])
    return found


# --- export ---------------------------------------------------------------------------------


def _decimal_fr(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def catalogue_export_rows() -> Iterator[list[str]]:
    """The header then one row per product, in the import's format (round trip)."""
    yield list(COLUMNS)
    products = (
        Product.objects.select_related("category", "brand")
        .prefetch_related("tiers")
        .order_by("reference")
    )
    for p in products.iterator(chunk_size=2000):
        yield [
            p.reference,
            p.designation,
            p.description,
            p.category.slug if p.category else "",
            p.brand.name if p.brand else "",
            _decimal_fr(p.price_ht),
            _decimal_fr(p.vat_rate),
            str(p.stock_on_hand),
            str(p.pack_multiple),
            str(p.lot_size),
            p.warranty_class,
            _yes(p.manufacturer_warranty),
            _yes(p.is_own_product),
            _yes(p.custom_configuration),
            p.discount_class,
            _yes(p.order_separately),
            _yes(p.is_console),
            _yes(p.is_currency_indexed),
            p.indexed_currency,
            _decimal_fr(p.eco_tax_ht),
            _decimal_fr(p.packaging_ht),
            _yes(p.is_active),
            "|".join(
                f"{t.min_quantity}:{_decimal_fr(t.unit_price_ht)}"
                for t in sorted(p.tiers.all(), key=lambda t: t.min_quantity)
            ),
        ]


def _yes(value: bool) -> str:
    return "oui" if value else "non"


def catalogue_export_csv() -> bytes:
    """The whole catalogue as a `;` CSV in UTF-8 with BOM (opens cleanly in Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(catalogue_export_rows())
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
