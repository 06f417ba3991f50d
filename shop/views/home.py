import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render

from shop.selectors import product_list_for_home, seller_get_current


def home(request):
    return render(request, "shop/home.html", {"products": product_list_for_home()})


def seller_logo(request):
    """The seller's logo: public, but uploads live outside any served folder."""
    seller = seller_get_current()
    if seller is None or not seller.logo:
        raise Http404
    try:
        handle = seller.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(seller.logo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
