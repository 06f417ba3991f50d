"""CSV export of any list: an action of every screen, on the rows selected (or all the
rows of the filtered list with "select all"), with the columns the list shows."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
)
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def _cell(name: str, obj, model_admin) -> str:
    try:
        field, attr, value = lookup_field(name, obj, model_admin)
    except (AttributeError, ObjectDoesNotExist):
        return ""
    if field is not None and not getattr(field, "is_relation", False):
        shown = display_for_field(value, field, "")
    else:
        shown = display_for_value(value, "", boolean=getattr(attr, "boolean", False))
    return strip_tags(str(shown)).strip()


@admin.action(description=_("Exporter en CSV (colonnes de la liste)"))
def export_csv(model_admin, request, queryset):
    """A CSV file for spreadsheets set to French: ";" between values, a byte-order mark so
    that the accents open right."""
    names = [name for name in model_admin.get_list_display(request) if name != "action_checkbox"]
    model = queryset.model
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{slugify(model._meta.verbose_name_plural)}-{stamp}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        strip_tags(str(label_for_field(name, model, model_admin))).strip() for name in names
    )
    for obj in queryset.iterator(chunk_size=500):
        writer.writerow(_cell(name, obj, model_admin) for name in names)
    return response
