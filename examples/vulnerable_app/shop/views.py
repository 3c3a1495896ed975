"""Shop: function views. Every unsafe line has a safe look-alike next to it."""

import os
import shlex
import subprocess

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from .models import Order, Product

SORTS = {"name": "name", "price": "price", "new": "-created"}
PUBLIC_COLUMNS = {"name", "sku", "price"}
LOOKUPS = {"status": "status", "q": "product__name__icontains"}
PREVIEW_HOSTS = {"images.example.com"}


def home(request):
    return render(request, "shop/home.html", {"products": Product.objects.all()[:10]})


@login_required
def search(request):
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM shop_product WHERE name LIKE '%{term}%'")
        unsafe_ids = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM shop_product WHERE name LIKE %s", [f"%{term}%"])
        safe_ids = [row[0] for row in cursor.fetchall()]
    by_sku = Product.objects.raw("SELECT * FROM shop_product WHERE sku = '%s'" % term)
    by_sku_param = Product.objects.raw("SELECT * FROM shop_product WHERE sku = %s", [term])
    return render(request, "shop/search.html", {
        "term": term, "ids": unsafe_ids + safe_ids, "skus": list(by_sku) + list(by_sku_param),
    })


@login_required
def product_list(request):
    sort = request.GET.get("sort", "name")
    products = Product.objects.order_by(sort)
    allowed = Product.objects.order_by(SORTS.get(sort, "name"))
    columns = request.GET.getlist("columns")
    rows = list(products.values(*columns))
    public = [c for c in columns if c in PUBLIC_COLUMNS]
    rows += list(allowed.values(*public))
    return JsonResponse(rows, safe=False)


@login_required
def order_filter(request):
    mine = Order.objects.filter(owner=request.user)
    raw = mine.filter(**request.GET.dict())
    picked = {LOOKUPS[k]: v for k, v in request.GET.items() if k in LOOKUPS}
    safe = mine.filter(**picked)
    by_status = mine.filter(Q(status=request.GET.get("status", "new")))
    filters = {}
    for key, value in request.GET.items():
        filters[key] = value
    looped = mine.filter(Q(**filters))
    limit = request.GET.get("min", "0")
    pricey = mine.annotate(p=RawSQL("SELECT price FROM shop_product WHERE price > %s" % limit, ()))
    pricey_param = mine.annotate(p=RawSQL("SELECT price FROM shop_product WHERE price > %s",
                                          (limit,)))
    return JsonResponse({"raw": raw.count(), "safe": safe.count(), "status": by_status.count(),
                         "looped": looped.count(), "pricey": pricey.count() + pricey_param.count()})


@login_required
def order_detail(request, pk):
    order = get_object_or_404(Order, pk=pk)
    mine = get_object_or_404(Order, pk=pk, owner=request.user)
    return render(request, "shop/order.html", {"order": order, "mine": mine})


@login_required
def greeting(request):
    name = request.GET.get("name", "")
    unsafe = mark_safe(f"<p>Hello {name}</p>")
    safe = format_html("<p>Hello {}</p>", name)
    return render(request, "shop/greeting.html", {"unsafe": unsafe, "safe": safe})


@login_required
def results_page(request):
    q = request.GET.get("q", "")
    if request.GET.get("plain"):
        return HttpResponse(f"Results for {q}", content_type="text/plain")
    if request.GET.get("escaped"):
        return HttpResponse(f"<h1>Results for {escape(q)}</h1>")
    return HttpResponse(f"<h1>Results for {q}</h1>")


@login_required
def continue_shopping(request):
    target = request.GET.get("next", "")
    if request.GET.get("checked"):
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            target = "/"
        return redirect(target)
    return redirect(request.GET.get("next", "/"))


@login_required
def thumbnail(request):
    name = request.POST["file"]
    os.system(f"convert uploads/{name} -resize 200x200 thumbs/{name}")
    subprocess.run("gzip " + name, shell=True)
    subprocess.run("gzip " + shlex.quote(name), shell=True)
    subprocess.run(["convert", os.path.basename(name), "-resize", "200x200", "out.png"],
                   check=True)
    return HttpResponse(status=204)


@login_required
def download(request):
    name = request.GET["file"]
    path = os.path.join(settings.MEDIA_ROOT, "reports", name)
    if request.GET.get("basename"):
        safe_path = os.path.join(settings.MEDIA_ROOT, "reports", os.path.basename(name))
        return FileResponse(open(safe_path, "rb"))
    return FileResponse(open(path, "rb"))


@login_required
def image_preview(request):
    url = request.POST["url"]
    page = requests.get(url, timeout=5)
    return JsonResponse({"length": len(page.content)})


@login_required
def image_preview_checked(request):
    from urllib.parse import urlparse

    url = request.POST["url"]
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in PREVIEW_HOSTS:
        raise Http404
    checked = requests.get(url, timeout=5, allow_redirects=False)
    return JsonResponse({"length": len(checked.content)})
