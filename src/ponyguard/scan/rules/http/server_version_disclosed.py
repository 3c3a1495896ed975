"""A `Server` or `X-Powered-By` header includes a version number (`nginx/1.18.0`,
`gunicorn/20.1.0`).

## Why it matters
Exact versions let an attacker pick known exploits for that release without probing, and
make mass-scanning for vulnerable versions trivial. A product name alone is harmless; the
version number is not needed by any client.

## Insecure example
```nginx
# nginx.conf: the default
server_tokens on;
```

## Fix
Hide version numbers: `server_tokens off;` in nginx, `ServerTokens Prod` and
`ServerSignature Off` in Apache, `-Server` in a Caddy `header` block; behind a proxy, remove
the app server's header (`proxy_hide_header Server;` / `proxy_hide_header X-Powered-By;`).

```nginx
http {
    server_tokens off;
    proxy_hide_header X-Powered-By;
}
```

## References
- https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens
- https://httpd.apache.org/docs/current/mod/core.html#servertokens
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html#server
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG740", "server-version-disclosed",
            "The server announces its software version",
            Severity.LOW, Confidence.HIGH, cwe=(200, 497), doc_text=__doc__)
