from __future__ import annotations

from ponyguard.report import HtmlReporter, JsonReporter, SarifReporter, TextReporter
from tests.helpers import assert_finds, assert_silent, audit_files, findings_of

STRIPE = "sk_live_51HxQv2EbT7aZ9kLmN3pR8sW"
AWS_ID = "AKIAZ7QX3MPL2RTB9KWN"
AWS_SECRET = "q8Zt3LmN0pV7xR2kW9sB4yH6cJ1fD5gA8eU3iO7n"
GITHUB = "ghp_R8t2ZqL5xV9mN3kP7wB1yH4cJ6fD0gA2eU8s"
GOOGLE = "AIzaSyB7x2kQ9mL4pR8tV3nW6yZ1cH5jF0gD2eU"
SLACK_HOOK = "https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7H/x9Y8z7W6v5U4t3S2"
TOKEN = "9f2c4e1a77b0c3d9e8f7a6b5c4d3e2f1"
PEM = ("-----BEGIN RSA PRIVATE KEY-----\\n"
       "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi2a7Qx4LmZ1kR8vT3wN6yP0cB5hJ2d\\n"
       "-----END RSA PRIVATE KEY-----")
SECRETS = (STRIPE, AWS_ID, AWS_SECRET, GITHUB, GOOGLE, "x9Y8z7W6v5U4t3S2", TOKEN, "MIIEpAIB",
           "hunter22!")


def _client() -> str:
    return (
        "import boto3\n"
        "import stripe\n"
        f"stripe.api_key = '{STRIPE}'\n"
        f"s3 = boto3.client('s3', aws_access_key_id='{AWS_ID}',\n"
        f"                  aws_secret_access_key='{AWS_SECRET}')\n"
        f"GITHUB = '{GITHUB}'\n"
        f"MAPS = '{GOOGLE}'\n"
        f"HOOK = '{SLACK_HOOK}'\n"
        f"HEADERS = {{'Authorization': 'Bearer {TOKEN}'}}\n"
        f"KEY = '{PEM}'\n"
    )


def test_fires_on_known_formats_and_secret_names(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG502", {"shop/client.py": _client()}, count=8,
                         severity="high", confidence="high")
    assert [f.location.line for f in found] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "a Stripe live secret key" in found[0].message
    assert "`aws_secret_access_key` is a secret key" in found[2].message
    assert "(******** (40 chars))" in found[2].message


def test_fires_on_fallbacks_defaults_comparisons_and_passwords(tmp_path) -> None:
    code = (
        "import os\n"
        f"API_KEY = os.environ.get('API_KEY', '{TOKEN}')\n"
        f"def client(token='{TOKEN}'):\n"
        "    pass\n"
        "def check(request):\n"
        f"    return request.headers.get('X-Api-Key') == '{TOKEN}'\n"
        "def seed(User):\n"
        "    User.objects.create_user('ops', password='hunter22!')\n"
    )
    found = assert_finds(tmp_path, "PG502", {"shop/conf.py": code}, count=4)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (2, "high"), (3, "high"), (6, "high"), (8, "medium")]
    assert "falls back to an API key" in found[0].message


def test_the_secret_never_appears_in_any_output(tmp_path) -> None:
    result = audit_files(tmp_path, {"shop/client.py": _client()})
    found = findings_of(result, "PG502")
    assert found
    for finding in found:
        for secret in SECRETS:
            assert secret not in finding.message, secret
            assert secret not in (finding.evidence or ""), secret
    for reporter in (JsonReporter(), SarifReporter(), TextReporter(color=False),
                     HtmlReporter()):
        output = reporter.render(result)
        for secret in SECRETS:
            assert secret not in output, (type(reporter).__name__, secret)


def test_silent_for_placeholders_env_reads_and_labels(tmp_path) -> None:
    code = (
        "import os\n"
        "API_KEY = os.environ['API_KEY']\n"
        "SECRET_TOKEN = os.getenv('SECRET_TOKEN', '')\n"
        "STRIPE_SECRET_KEY = 'changeme'\n"
        "GITHUB_TOKEN = '<your-github-token>'\n"
        "AWS_SECRET_ACCESS_KEY = 'xxxxxxxxxxxxxxxxxxxx'\n"
        "EXAMPLE_KEY = 'AKIAIOSFODNN7EXAMPLE'\n"
        "PASSWORD_FIELD = 'password'\n"
        "INVALID_PASSWORD = 'invalid_password'\n"
        "RESET_FORM = {'reset_password': 'accounts.forms.ResetPasswordForm'}\n"
        "TOKEN_URL = 'https://example.com/oauth/token'\n"
        "STRIPE_PUBLISHABLE_KEY = 'pk_live_51HxQv2EbT7aZ9kLmN3pR8sW'\n"
        "CSRF_TOKEN = 'csrfmiddlewaretoken'\n"
        "RATES = {'change_password': '1/m/user'}\n"
        "AUTHORIZATION = 'authorization'\n"
        "CLIENT_SECRET = 'xyz-secret-123'\n"
    )
    assert_silent(tmp_path, "PG502", {"shop/conf.py": code})


def test_settings_left_to_the_settings_rules_and_test_files(tmp_path) -> None:
    settings = (
        f"SECRET_KEY = '{TOKEN}'\n"
        f"EMAIL_HOST_PASSWORD = '{TOKEN}'\n"
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql',\n"
        f"                         'PASSWORD': '{TOKEN}'}}}}\n"
    )
    helper = ("import os\n"
              "def db():\n"
              "    return {'ENGINE': 'django.db.backends.postgresql',\n"
              "            'PASSWORD': os.getenv('DB_PASSWORD', 'S3cr3t-Pa55-w0rd')}\n")
    files = {"site/settings.py": settings, "site/dbconf.py": helper,
             "site/settings/ci.py": f"API_KEY = '{TOKEN}'\n",
             "tests/test_client.py": _client(), "shop/tests.py": _client()}
    assert_silent(tmp_path, "PG502", files)
