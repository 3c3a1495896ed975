from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = (
    "from lxml import etree\n"
    "from lxml import objectify\n"
    "import xml.etree.ElementTree as ET\n"
    "from xml.dom import minidom\n"
    "import xml.sax\n"
    "from django.http import JsonResponse\n"
)


def test_fires_on_lxml_with_a_resolving_parser(tmp_path) -> None:
    code = HEAD + (
        "RESOLVING = etree.XMLParser(resolve_entities=True)\n"
        "def ping(request):\n"
        "    parser = etree.XMLParser(resolve_entities=True, no_network=False)\n"
        "    root = etree.fromstring(request.body, parser)\n"
        "    tree = etree.parse(request.FILES['sitemap'], parser=RESOLVING)\n"
        "    for _ in etree.iterparse(request, resolve_entities=True):\n"
        "        pass\n"
        "    return JsonResponse({'n': len(root)})\n"
    )
    found = assert_finds(tmp_path, "PG215", {"app/views.py": code}, count=3,
                         severity="high", confidence="high")
    assert [f.location.line for f in found] == [10, 11, 12]
    assert "request.body" in found[0].message
    assert "the request body (`request` read as a file)" in found[2].message


def test_lxml_default_parser_is_medium_confidence(tmp_path) -> None:
    code = HEAD + (
        "def import_invoice(request):\n"
        "    upload = request.FILES['invoice']\n"
        "    tree = etree.fromstring(upload.read())\n"
        "    data = objectify.XML(request.body)\n"
        "    return JsonResponse({'total': tree.findtext('total')})\n"
    )
    found = assert_finds(tmp_path, "PG215", {"app/views.py": code}, count=2,
                         severity="high", confidence="medium")
    assert "default parser" in found[0].message


def test_stdlib_parsers_are_low_severity(tmp_path) -> None:
    code = HEAD + (
        "def upload(request):\n"
        "    ET.fromstring(request.body)\n"
        "    minidom.parseString(request.FILES['doc'].read())\n"
        "    xml.sax.parseString(request.body, None)\n"
    )
    found = assert_finds(tmp_path, "PG215", {"app/views.py": code}, count=3, severity="low",
                         confidence="medium")
    assert "Expat < 2.4.1" in found[0].message


def test_fires_through_a_helper_and_in_a_class_based_view(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/xmlutils.py": HEAD + (
            "def parse_feed(data):\n"
            "    return etree.fromstring(data, etree.XMLParser(resolve_entities=True))\n"
        ),
        "app/views.py": HEAD + (
            "from rest_framework.views import APIView\n"
            "from .xmlutils import parse_feed\n"
            "class FeedImport(APIView):\n"
            "    def post(self, request):\n"
            "        feed = parse_feed(request.FILES['feed'].read())\n"
            "        return JsonResponse({'items': len(feed)})\n"
        ),
    }
    found = assert_finds(tmp_path, "PG215", files, path="app/xmlutils.py", line=8,
                         confidence="high")
    assert "app/views.py:11" in found[0].message


def test_low_confidence_for_lxml_on_unknown_data(tmp_path) -> None:
    code = HEAD + (
        "def load(data):\n"
        "    return etree.fromstring(data)\n"
        "def load_std(data):\n"
        "    return ET.fromstring(data)\n"
    )
    found = assert_finds(tmp_path, "PG215", {"app/feeds.py": code}, count=1,
                         severity="medium", confidence="low")
    assert found[0].location.line == 8


def test_silent_on_safe_parsers_and_defusedxml(tmp_path) -> None:
    code = HEAD + (
        "import defusedxml.ElementTree as DET\n"
        "from defusedxml.lxml import fromstring as safe_fromstring\n"
        "from django.core import serializers\n"
        "SAFE = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        "def a(request):\n"
        "    etree.fromstring(request.body, SAFE)\n"
        "    etree.fromstring(request.body, etree.XMLParser(resolve_entities=False))\n"
        "    etree.fromstring(request.body, parser=etree.HTMLParser())\n"
        "    etree.iterparse(request, resolve_entities=False)\n"
        "    DET.fromstring(request.body)\n"
        "    safe_fromstring(request.body)\n"
        "    list(serializers.deserialize('xml', request.body))\n"
        "    etree.fromstring('<a/>')\n"
        "    ET.fromstring(open('/srv/conf.xml').read())\n"
    )
    assert_silent(tmp_path, "PG215", {"app/views.py": code})


def test_silent_in_tests_and_migrations(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return etree.fromstring(request.body)\n"
    assert_silent(tmp_path, "PG215", {"app/tests/test_xml.py": code,
                                      "app/migrations/0005_xml.py": code})
