"""API: Django REST framework views."""

import os

import requests
from rest_framework import generics, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .models import Project
from .serializers import ProjectNameSerializer, ProjectSerializer

ERP_TOKEN = "sk_live_51HxQ3kLmN8pR2sT4vW6yZ9aB1cD3eF5gH7jK9mP"
ERP_TOKEN_FROM_ENV = os.environ.get("ERP_TOKEN", "")


class ProjectViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = ProjectSerializer
    queryset = Project.objects.all()


class OwnProjectViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = ProjectNameSerializer

    def get_queryset(self):
        return Project.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class ProjectBudget(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ProjectNameSerializer

    def get_queryset(self):
        return Project.objects.filter(owner=self.request.user)


@api_view(["GET"])
@permission_classes([IsAuthenticated])
def erp_item(request, sku):
    item = requests.get(f"https://erp.internal/api/items/{sku}", timeout=5,
                        headers={"Authorization": f"Bearer {ERP_TOKEN}"})
    return Response(item.json())


@api_view(["GET"])
@permission_classes([IsAuthenticated])
def erp_item_by_id(request, item_id):
    item = requests.get(f"https://erp.internal/api/items/{item_id}", timeout=5,
                        headers={"Authorization": f"Bearer {ERP_TOKEN_FROM_ENV}"})
    return Response(item.json())
