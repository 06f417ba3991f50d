"""A company's users and invitations (administrators), and accepting an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import InvitationAcceptForm, InvitationForm, RolesForm
from accounts.selectors import (
    company_memberships,
    invitation_get_for_company,
    invitations_pending,
    membership_get_for_company,
)
from accounts.services import (
    invitation_accept as invitation_accept_service,
)
from accounts.services import (
    invitation_check,
    invitation_create,
    membership_set_active,
    membership_update_roles,
)
from accounts.services import (
    invitation_revoke as invitation_revoke_service,
)
from accounts.views.access import base_url, company_member_required
from core.errors import BusinessError
from core.forms import add_business_error
from core.links import language_supported


def _users_page(request, form, *, status=200):
    company = request.company
    return render(
        request,
        "accounts/users.html",
        {
            "company": company,
            "form": form,
            "memberships": company_memberships(company=company),
            "invitations": invitations_pending(company=company, now=timezone.now()),
            "invitation_days": settings.ACCOUNTS_INVITATION_DAYS,
        },
        status=status,
    )


@company_member_required(administrator=True)
@require_http_methods(["GET", "POST"])
def company_users(request):
    if request.method == "GET":
        return _users_page(
            request, InvitationForm(initial={"language": language_supported(get_language())})
        )
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                company=request.company,
                user=request.user,
                email=form.cleaned_data["email"],
                roles=form.cleaned_data["roles"],
                language=form.cleaned_data["language"],
                base_url=base_url(request),
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(
                request,
                _("Invitation envoyée à %(email)s.") % {"email": invitation.email},
            )
            return redirect("company_users")
    return _users_page(request, form, status=400)


@company_member_required(administrator=True)
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk: int):
    membership = membership_get_for_company(company=request.company, pk=pk)
    if membership is None:
        raise Http404
    form = RolesForm(initial={"roles": membership.roles})
    access_error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "roles")
        if action in ("deactivate", "reactivate"):
            try:
                membership_set_active(
                    membership=membership, user=request.user, active=action == "reactivate"
                )
            except BusinessError as error:
                access_error = error.message
            else:
                text = (
                    _("%(email)s ne peut plus se connecter.")
                    if action == "deactivate"
                    else _("%(email)s peut de nouveau se connecter.")
                )
                messages.success(request, text % {"email": membership.user.email})
                return redirect("company_users")
        else:
            form = RolesForm(request.POST)
            if form.is_valid():
                try:
                    membership_update_roles(
                        membership=membership, user=request.user, roles=form.cleaned_data["roles"]
                    )
                except BusinessError as error:
                    add_business_error(form, error)
                else:
                    messages.success(request, _("Rôles enregistrés."))
                    return redirect("company_users")
        status = 400
    return render(
        request,
        "accounts/membership_edit.html",
        {
            "member": membership,
            "form": form,
            "access_error": access_error,
            "is_self": membership.user_id == request.user.pk,
        },
        status=status,
    )


@company_member_required(administrator=True)
@require_POST
def invitation_revoke(request, pk: int):
    invitation = invitation_get_for_company(company=request.company, pk=pk)
    if invitation is None:
        raise Http404
    invitation_revoke_service(invitation=invitation, user=request.user)
    messages.success(request, _("Invitation annulée."))
    return redirect("company_users")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Public: the invited person chooses a password; the link works once, until it expires."""
    try:
        invitation = invitation_check(token=token)
    except BusinessError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=410)
    form = InvitationAcceptForm(email=invitation.email)
    if request.method == "POST":
        form = InvitationAcceptForm(request.POST, email=invitation.email)
        if form.is_valid():
            try:
                user = invitation_accept_service(
                    token=token,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    phone=form.cleaned_data["phone"],
                    password=form.cleaned_data["password1"],
                    language=language_supported(get_language()),
                )
            except BusinessError as error:
                if error.code.startswith("invitation_"):
                    return render(
                        request, "accounts/invitation_invalid.html", {"error": error}, status=410
                    )
                add_business_error(form, error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Bienvenue ! Vous avez rejoint l'espace de %(company)s.")
                    % {"company": invitation.company.legal_name},
                )
                return redirect("company")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )
