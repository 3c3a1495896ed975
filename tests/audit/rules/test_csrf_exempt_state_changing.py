from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = ("import hmac\n"
        "from django.views.decorators.csrf import csrf_exempt\n"
        "from django.views.decorators.http import require_POST, require_GET\n"
        "from django.utils.decorators import method_decorator\n"
        "from django.views import View\n"
        "from django.views.generic import CreateView, TemplateView\n"
        "from django.http import HttpResponse, JsonResponse\n")
MODELS = ("from django.db import models\n"
          "class Order(models.Model):\n    paid = models.BooleanField()\n")


def test_fires_on_decorated_function_views(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": HEAD + (
            "from .models import Order\n"
            "@csrf_exempt\n"
            "def change_email(request):\n"
            "    if request.method == 'POST':\n"
            "        request.user.email = request.POST['email']\n"
            "        request.user.save()\n"
            "    return HttpResponse('ok')\n"
            "@csrf_exempt\n"
            "@require_POST\n"
            "def pay(request, pk):\n"
            "    return HttpResponse('ok')\n"
        ),
    }
    found = assert_finds(tmp_path, "PG402", files, count=2, severity="medium",
                         confidence="high")
    assert [f.location.line for f in found] == [9, 15]
    assert "request.method == 'POST' at line 11" in found[0].message
    assert "request.user.save() at line 13" in found[0].message
    assert "@require_POST at line 16" in found[1].message


def test_fires_on_csrf_exempt_in_urls_and_on_class_based_views(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": HEAD + (
            "from .models import Order\n"
            "def mark_paid(request, pk):\n"
            "    Order.objects.filter(pk=pk).update(paid=True)\n"
            "    return HttpResponse('')\n"
            "class OrderApi(View):\n"
            "    def post(self, request):\n"
            "        return HttpResponse('')\n"
            "@method_decorator(csrf_exempt, name='dispatch')\n"
            "class NewOrder(CreateView):\n"
            "    model = Order\n"
            "    fields = ['paid']\n"
            "class Refund(View):\n"
            "    @method_decorator([csrf_exempt, require_POST])\n"
            "    def dispatch(self, request, *args, **kwargs):\n"
            "        return super().dispatch(request, *args, **kwargs)\n"
            "    def delete(self, request, pk):\n"
            "        return HttpResponse('')\n"
        ),
        "app/urls.py": (
            "from django.urls import path\n"
            "from django.views.decorators.csrf import csrf_exempt\n"
            "from . import views\n"
            "urlpatterns = [\n"
            "    path('paid/<int:pk>/', csrf_exempt(views.mark_paid)),\n"
            "    path('api/', csrf_exempt(views.OrderApi.as_view())),\n"
            "]\n"
        ),
    }
    found = assert_finds(tmp_path, "PG402", files, count=4)
    where = [(f.location.path, f.location.line, f.confidence.value) for f in found]
    assert where == [("app/urls.py", 5, "medium"), ("app/urls.py", 6, "high"),
                     ("app/views.py", 15, "high"), ("app/views.py", 20, "high")]
    assert "writes (Order.objects.filter(pk=pk).update() at app/views.py:10)" in found[0].message
    assert "post() at app/views.py:13" in found[1].message
    assert "it is a CreateView" in found[2].message


def test_signature_checks_lower_the_severity(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": HEAD + (
            "import stripe\n"
            "from .models import Order\n"
            "@csrf_exempt\n"
            "@require_POST\n"
            "def github(request):\n"
            "    digest = hmac.new(b'k', request.body, 'sha256').hexdigest()\n"
            "    if not hmac.compare_digest(digest, request.headers['X-Hub-Signature-256']):\n"
            "        return HttpResponse(status=403)\n"
            "    Order.objects.create(paid=True)\n"
            "    return HttpResponse('')\n"
            "@csrf_exempt\n"
            "def stripe_hook(request):\n"
            "    event = stripe.Webhook.construct_event(request.body, 'sig', 'secret')\n"
            "    return HttpResponse('')\n"
        ),
    }
    found = assert_finds(tmp_path, "PG402", files, count=2, severity="low", confidence="high")
    assert "checks a signature or token (hmac.new() at line 13)" in found[0].message


def test_low_confidence_when_the_view_cannot_be_seen(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/handlers.py": "def handle(request):\n    return None\n",
        "app/views.py": HEAD + (
            "from .handlers import handle\n"
            "@csrf_exempt\n"
            "def hook(request):\n"
            "    handle(request)\n"
            "    return HttpResponse('')\n"
        ),
        "app/urls.py": (
            "from django.urls import path\n"
            "from django.views.decorators.csrf import csrf_exempt\n"
            "from graphene_django.views import GraphQLView\n"
            "urlpatterns = [path('graphql/', csrf_exempt(GraphQLView.as_view(graphiql=True)))]\n"
        ),
    }
    found = assert_finds(tmp_path, "PG402", files, count=2, confidence="low")
    assert "whose code is not in the project" in found[0].message
    assert "hands the request to handle()" in found[1].message


def test_silent_on_read_only_views_and_drf(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": HEAD + (
            "from rest_framework.decorators import api_view\n"
            "from rest_framework.views import APIView\n"
            "from .models import Order\n"
            "@csrf_exempt\n"
            "def listing(request):\n"
            "    return JsonResponse(list(Order.objects.values()), safe=False)\n"
            "@csrf_exempt\n"
            "@require_GET\n"
            "def ping(request):\n"
            "    request.session.save()\n"
            "    return HttpResponse('pong')\n"
            "@method_decorator(csrf_exempt, name='dispatch')\n"
            "class Page(TemplateView):\n"
            "    template_name = 'page.html'\n"
            "class ReadOnly(View):\n"
            "    http_method_names = ['get', 'head']\n"
            "    def post(self, request):\n"
            "        return HttpResponse('')\n"
            "@csrf_exempt\n"
            "@api_view(['POST'])\n"
            "def api(request):\n"
            "    Order.objects.create(paid=True)\n"
            "class Api(APIView):\n"
            "    def post(self, request):\n"
            "        return HttpResponse('')\n"
            "@require_POST\n"
            "def protected(request):\n"
            "    Order.objects.create(paid=True)\n"
            "    return HttpResponse('')\n"
        ),
        "app/urls.py": (
            "from django.urls import path\n"
            "from django.views.decorators.csrf import csrf_exempt\n"
            "from . import views\n"
            "def exempt(view):\n"
            "    return csrf_exempt(view)\n"
            "urlpatterns = [\n"
            "    path('r/', csrf_exempt(views.ReadOnly.as_view())),\n"
            "    path('a/', csrf_exempt(views.Api.as_view())),\n"
            "]\n"
        ),
        "app/tests.py": HEAD + "@csrf_exempt\ndef v(request):\n    request.POST\n",
    }
    assert_silent(tmp_path, "PG402", files)
