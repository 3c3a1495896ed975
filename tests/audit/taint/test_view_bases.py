"""Which classes are class-based views (their handlers take URL arguments)."""

from __future__ import annotations

from tests.audit.taint.harness import kinds


def test_serializer_methods_take_no_url_arguments(tmp_path) -> None:
    code = (
        "from rest_framework import serializers, generics\n"
        "class S(serializers.ModelSerializer):\n"
        "    def update(self, instance, validated_data):\n"
        "        sink(instance)\n"
        "class V(generics.UpdateAPIView):\n"
        "    def update(self, request, pk):\n"
        "        sink(pk)\n"
    )
    assert kinds(tmp_path, code, "sql") == ["unknown", "tainted"]
