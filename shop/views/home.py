from django.shortcuts import render

from shop.selectors import product_list_for_home


def home(request):
    return render(request, "shop/home.html", {"products": product_list_for_home()})
