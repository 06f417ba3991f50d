"""The company's delivery addresses, kept by its administrators (buyers only read them on
"My company"); the service checks the postcode and derives the DOM-TOM flag."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.forms import DeliveryAddressForm
from accounts.models import DeliveryAddress
from accounts.services import Address, delivery_address_save
from accounts.views.access import company_member_required
from core.errors import BusinessError
from core.forms import add_business_error

FIELDS = ("label", "line1", "line2", "postal_code", "city", "country")


@company_member_required(administrator=True)
@require_http_methods(["GET", "POST"])
def delivery_addresses(request, pk: int | None = None):
    """The list with the form to add one (no `pk`) or to change the address `pk`."""
    addresses = request.company.delivery_addresses.order_by("id")
    editing = None
    if pk is not None:
        editing = addresses.filter(pk=pk).first()
        if editing is None:
            raise Http404
    initial = {name: getattr(editing, name) for name in FIELDS} if editing else None
    form = DeliveryAddressForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                delivery_address_save(
                    membership=request.membership,
                    address=Address(**{name: form.cleaned_data[name] for name in FIELDS}),
                    pk=editing.pk if editing else None,
                )
            except (BusinessError, DeliveryAddress.DoesNotExist) as error:
                if isinstance(error, DeliveryAddress.DoesNotExist):
                    raise Http404 from None
                add_business_error(form, error)
            else:
                messages.success(request, _("Adresse de livraison enregistrée."))
                return redirect("delivery_addresses")
        status = 400
    return render(
        request,
        "accounts/delivery_addresses.html",
        {"addresses": addresses, "form": form, "editing": editing, "company": request.company},
        status=status,
    )
