from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def home(request):
    return HttpResponse("<!doctype html><title>secure_site</title><p>Hello.</p>")
