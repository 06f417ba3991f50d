"""The privacy notice (public) and the download of one's personal data (signed-in)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.personal_data import personal_data_export


def privacy_notice(request):
    return render(
        request,
        "accounts/privacy.html",
        {"kyc_retention_years": settings.KYC_RETENTION_YEARS},
    )


@login_required
def personal_data_download(request):
    """Everything the shop holds on the signed-in person, as one JSON file (GDPR art. 15
    and 20): never another user's data."""
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response
