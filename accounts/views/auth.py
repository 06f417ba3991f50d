"""Sign-in (throttled by django-axes), sign-up, e-mail verification, password reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.forms import DeliveryAddressFormSet, LoginForm, SignupForm
from accounts.selectors import membership_get_for_user
from accounts.services import (
    Address,
    CompanyIdentity,
    Person,
    company_sign_up,
    email_verification_send,
    user_verify_email,
)
from accounts.views.access import base_url
from core.errors import BusinessError
from core.forms import add_business_error
from core.links import language_supported


class LoginView(auth_views.LoginView):
    """Customers land on "My company" after signing in; staff on the page they asked for."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        if self.next_page:
            return super().get_default_redirect_url()
        if membership_get_for_user(user=self.request.user) is not None:
            return reverse("company")
        return super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    pass


@require_http_methods(["GET", "POST"])
def signup(request):
    """Open a company account: the company, its addresses, its first user."""
    if request.method == "GET":
        form = SignupForm()
        addresses = DeliveryAddressFormSet(prefix="deliveries")
        return _signup_page(request, form, addresses)
    form = SignupForm(request.POST)
    if "add_address" in request.POST or "remove_address" in request.POST:
        # Another (or one fewer) delivery address: re-render everything typed, no errors yet.
        data = request.POST.copy()
        total = _form_count(data.get("deliveries-TOTAL_FORMS"))
        if "add_address" in request.POST:
            if data.get("delivery_same_as_billing"):
                # Asking for an address form means delivering elsewhere: show the first one.
                data.pop("delivery_same_as_billing")
            else:
                total += 1
        else:
            total = max(1, total - 1)
        data["deliveries-TOTAL_FORMS"] = str(min(total, 20))
        data.setdefault("deliveries-INITIAL_FORMS", "0")
        form = SignupForm(data)
        addresses = DeliveryAddressFormSet(data, prefix="deliveries")
        return _signup_page(request, form, addresses, quiet=True)
    addresses = DeliveryAddressFormSet(request.POST, prefix="deliveries")
    form_ok = form.is_valid()
    same_as_billing = bool(form.cleaned_data.get("delivery_same_as_billing"))
    # Delivering to the billing address: the address forms are not read at all.
    addresses_ok = same_as_billing or addresses.is_valid()
    if form_ok and addresses_ok:
        data = form.cleaned_data
        billing = Address(
            line1=data["billing_line1"],
            line2=data["billing_line2"],
            postal_code=data["billing_postal_code"],
            city=data["billing_city"],
            country=data["billing_country"],
        )
        try:
            company_sign_up(
                identity=CompanyIdentity(
                    legal_name=data["legal_name"],
                    legal_form=data["legal_form"],
                    country=data["country"],
                    siren=data.get("siren", ""),
                    siret=data.get("siret", ""),
                    enterprise_number=data.get("enterprise_number", ""),
                    vat_number=data.get("vat_number", ""),
                    registration_number=data.get("registration_number", ""),
                ),
                billing=billing,
                deliveries=[billing]
                if same_as_billing
                else [
                    Address(
                        label=address["label"],
                        line1=address["line1"],
                        line2=address["line2"],
                        postal_code=address["postal_code"],
                        city=address["city"],
                        country=address["country"],
                    )
                    for address in addresses.cleaned_data
                    if address
                ],
                person=Person(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    password=data["password1"],
                    language=language_supported(get_language()),
                ),
                base_url=base_url(request),
            )
        except BusinessError as error:
            _attach(form, addresses, error, same_as_billing=same_as_billing)
        else:
            request.session["signup_email"] = data["email"]
            return redirect("signup_done")
    return _signup_page(request, form, addresses, status=400, quiet_addresses=same_as_billing)


def _form_count(raw: str | None) -> int:
    """The number of delivery address forms the page sent; 1 when it is not a number
    (a tampered or truncated form must not end in an error page)."""
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _attach(form, addresses, error: BusinessError, *, same_as_billing: bool) -> None:
    field = error.field or ""
    if field.startswith("deliveries-") and same_as_billing:
        form.add_error("delivery_same_as_billing", error.message)
    elif field.startswith("deliveries-"):
        _prefix, index, name = field.split("-", 2)
        address_form = addresses.forms[int(index)]
        address_form.add_error(name if name in address_form.fields else None, error.message)
    else:
        add_business_error(form, error)


def _signup_page(request, form, addresses, *, status=200, quiet=False, quiet_addresses=False):
    if quiet:
        # A re-render to add an address: keep what was typed without showing errors yet.
        form._errors = {}
    if quiet or quiet_addresses:
        # ... nor on address forms that were not read (delivery to the billing address).
        for address_form in addresses.forms:
            address_form._errors = {}
        addresses._errors = [{} for _form in addresses.forms]
        addresses._non_form_errors = addresses.error_class()
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "addresses": addresses, "quiet": quiet},
        status=status,
    )


def signup_done(request):
    return render(
        request, "accounts/signup_done.html", {"email": request.session.get("signup_email")}
    )


def verify_email(request, uidb64: str, token: str):
    try:
        user = user_verify_email(uidb64=uidb64, token=token)
    except BusinessError as error:
        return render(request, "accounts/verify_email_failed.html", {"error": error}, status=400)
    messages.success(request, _("Votre adresse e-mail est confirmée."))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("company")
    return HttpResponseRedirect(f"{reverse('login')}?next={reverse('company')}")


@login_required
@require_http_methods(["GET", "POST"])
def email_verification_required(request):
    """The page an unverified user sees instead of the portal; POST sends a new link."""
    user = request.user
    if user.email_verified_at is not None:
        return redirect("company")
    if request.method == "POST":
        email_verification_send(user=user, base_url=base_url(request))
        messages.success(
            request, _("Un nouveau lien vient d'être envoyé à %(email)s.") % {"email": user.email}
        )
        return redirect("email_unverified")
    return render(request, "accounts/email_unverified.html")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
