"""Billing: class-based views and forms."""

import ast
import base64
import hashlib
import hmac
import json
import pickle
import random
import secrets

import defusedxml.ElementTree as SafeET
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, UpdateView
from lxml import etree

from .forms import InvoiceNotesForm
from .models import Invoice


class InvoiceList(LoginRequiredMixin, ListView):
    template_name = "billing/invoice_list.html"

    def get_queryset(self):
        return Invoice.objects.filter(owner=self.request.user)


class InvoiceDetail(LoginRequiredMixin, DetailView):
    model = Invoice
    template_name = "billing/invoice_detail.html"


class InvoiceSearch(LoginRequiredMixin, ListView):
    template_name = "billing/invoice_search.html"

    def get_queryset(self):
        return Invoice.objects.filter(owner=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.get("q", "")
        context["page_size"] = int(self.request.GET.get("size", "20"))
        return context


class OwnInvoiceUpdate(LoginRequiredMixin, UpdateView):
    form_class = InvoiceNotesForm
    template_name = "billing/invoice_form.html"

    def get_queryset(self):
        return Invoice.objects.filter(owner=self.request.user)


class InvoiceCreate(LoginRequiredMixin, View):
    def post(self, request):
        data = json.loads(request.body)
        invoice = Invoice(**data)
        invoice.save()
        EDITABLE = {"notes"}
        cleaned = {k: v for k, v in data.items() if k in EDITABLE}
        Invoice.objects.filter(owner=request.user, pk=invoice.pk).update(**cleaned)
        return JsonResponse({"id": invoice.pk})


class InvoiceImport(LoginRequiredMixin, View):
    def post(self, request):
        upload = request.FILES["document"].read()
        tree = etree.fromstring(upload)
        safe_tree = SafeET.fromstring(upload)
        return JsonResponse({"total": tree.findtext("total"), "number": safe_tree.findtext("number")})


class DiscountCalculator(LoginRequiredMixin, View):
    def get(self, request):
        expression = request.GET.get("expr", "0")
        result = eval(expression)
        literal = ast.literal_eval(expression)
        return JsonResponse({"result": result, "literal": literal})


class CartRestore(LoginRequiredMixin, View):
    def get(self, request):
        cart = pickle.loads(base64.b64decode(request.COOKIES["cart"]))
        signed_cart = signing.loads(request.COOKIES["signed_cart"])
        return JsonResponse({"cart": cart, "signed": signed_cart})


class ResetToken(LoginRequiredMixin, View):
    def post(self, request):
        token = hashlib.md5(f"{request.user.email}{random.random()}".encode()).hexdigest()
        strong_token = secrets.token_urlsafe(32)
        otp = random.randint(100000, 999999)
        strong_otp = secrets.randbelow(10**6)
        return JsonResponse({"t": token, "s": strong_token, "o": otp, "so": strong_otp})


@method_decorator(csrf_exempt, name="dispatch")
class PaymentCallback(View):
    def post(self, request):
        invoice = Invoice.objects.get(number=request.POST["number"])
        invoice.paid = True
        invoice.save()
        return HttpResponse(status=204)


@csrf_exempt
def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    expected = hmac.new(settings.STRIPE_WEBHOOK_SECRET.encode(), request.body,
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return HttpResponseForbidden()
    Invoice.objects.filter(number=json.loads(request.body)["number"]).update(paid=True)
    return HttpResponse(status=204)


@csrf_exempt
@require_GET
@login_required
def invoice_status(request):
    invoice = Invoice.objects.get(owner=request.user, number=request.GET["number"])
    return JsonResponse({"paid": invoice.paid})


def invoice_export(request):
    lines = [f"{i.number};{i.total}" for i in Invoice.objects.all()]
    return HttpResponse("\n".join(lines), content_type="text/csv")


@login_required
def my_invoice_export(request):
    lines = [f"{i.number};{i.total}" for i in Invoice.objects.filter(owner=request.user)]
    return HttpResponse("\n".join(lines), content_type="text/csv")
