from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = ("import hashlib\nimport random\nimport string\nimport time\nimport uuid\n"
        "import secrets\nfrom random import choice, SystemRandom\n"
        "from django.utils.crypto import get_random_string\n")


def test_fires_on_weak_hashes_of_passwords_and_tokens(tmp_path) -> None:
    code = HEAD + (
        "def store(user, password):\n"
        "    user.password_hash = hashlib.sha1(password.encode()).hexdigest()\n"
        "    h = hashlib.md5()\n"
        "    h.update(password.encode())\n"
        "    digest = hashlib.new('md5', user.api_key.encode()).hexdigest()\n"
        "    return h.hexdigest(), digest\n"
        "def make_reset_token(user):\n"
        "    return hashlib.md5(f'{user.email}{time.time()}'.encode()).hexdigest()\n"
    )
    found = assert_finds(tmp_path, "PG503", {"accounts/tokens.py": code}, count=4,
                         severity="medium")
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (10, "high"), (11, "high"), (13, "high"), (16, "medium")]
    assert "hashlib.sha1() is used for a password (`password_hash`)" in found[0].message
    assert "hashlib.new('md5')" in found[2].message


def test_a_salted_password_hash_is_called_fast_not_unsalted(tmp_path) -> None:
    code = HEAD + (
        "class LegacyHasher:\n"
        "    def encode(self, password, salt):\n"
        "        return hashlib.md5((salt + password).encode()).hexdigest()\n"
        "def store(user, password):\n"
        "    user.password_hash = hashlib.md5(password.encode()).hexdigest()\n"
    )
    found = assert_finds(tmp_path, "PG503", {"accounts/hashers.py": code}, count=2,
                         confidence="high")
    assert "it is fast (a salt stops precomputed tables, not guessing)" in found[0].message
    assert "unsalted" not in found[0].message
    assert "it is fast and unsalted" in found[1].message


def test_fires_on_random_tokens_codes_and_keys(tmp_path) -> None:
    code = HEAD + (
        "def invite(user, Token):\n"
        "    user.api_key = ''.join(random.choice(string.ascii_letters) for _ in range(32))\n"
        "    otp = random.randint(100000, 999999)\n"
        "    Token.objects.create(user=user, token=uuid.uuid1().hex)\n"
        "    return otp\n"
        "def generate_password():\n"
        "    return ''.join(choice(string.ascii_letters) for _ in range(12))\n"
    )
    found = assert_finds(tmp_path, "PG503", {"accounts/invite.py": code}, count=4)
    assert [f.location.line for f in found] == [10, 11, 12, 15]
    assert "random.choice() generates an API key (`api_key`)" in found[0].message
    assert "uuid.uuid1()" in found[2].message


def test_fires_through_a_hashing_helper_in_another_module(tmp_path) -> None:
    files = {"accounts/__init__.py": "",
             "accounts/crypto.py": HEAD + (
                 "def digest(text):\n    return hashlib.md5(text.encode()).hexdigest()\n"),
             "accounts/views.py": HEAD + (
                 "from .crypto import digest\n"
                 "def signup(request, user):\n"
                 "    user.password_hash = digest(request.POST['password'])\n"
                 "    user.avatar_hash = digest(user.email)\n")}
    found = assert_finds(tmp_path, "PG503", files, path="accounts/views.py", line=11,
                         count=1, confidence="high")
    assert "digest() (which returns an MD5 digest, accounts/crypto.py:10)" in found[0].message


def test_silent_for_safe_apis_checksums_and_cache_keys(tmp_path) -> None:
    code = HEAD + (
        "def safe(user, data, token, password):\n"
        "    etag = hashlib.md5(data).hexdigest()\n"
        "    cache_key = hashlib.md5(token.encode()).hexdigest()\n"
        "    legacy = hashlib.md5(password.encode(), usedforsecurity=False)\n"
        "    token = secrets.token_urlsafe(32)\n"
        "    api_key = get_random_string(32)\n"
        "    reset_code = SystemRandom().choice('abcdef')\n"
        "    rng = SystemRandom()\n"
        "    otp = rng.randint(100000, 999999)\n"
        "    delay = random.random()\n"
        "    gravatar = hashlib.md5(user.email.lower().encode()).hexdigest()\n"
        "    session_id = uuid.uuid4()\n"
        "    colour = random.choice(['red', 'blue'])\n"
        "    checksum = hashlib.sha1(open('f', 'rb').read()).hexdigest()\n"
        "def authorize_password_attempt(email):\n"
        "    bucket = hashlib.sha1(email.encode()).hexdigest()\n"
        "    return bucket\n"
    )
    assert_silent(tmp_path, "PG503", {"accounts/safe.py": code})
    weak = HEAD + "def t(password):\n    return hashlib.md5(password).hexdigest()\n"
    assert_silent(tmp_path / "t", "PG503", {"accounts/tests/test_x.py": weak,
                                            "accounts/migrations/0003_x.py": weak})
