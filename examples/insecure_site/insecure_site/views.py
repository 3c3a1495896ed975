from django.http import HttpResponse


def home(request):
    return HttpResponse("<!doctype html><title>insecure_site</title><p>Hello.</p>")
