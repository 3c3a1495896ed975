"""The site answers over plain HTTP but not over HTTPS.

## Why it matters
Without HTTPS every request and response crosses the network in clear text: session cookies,
passwords typed into the login form, CSRF tokens and personal data can be read and changed by
anyone on the path (public Wi-Fi, a compromised router, an ISP). Django's `Secure` cookie
flags, HSTS and `SECURE_SSL_REDIRECT` all depend on HTTPS being there first.

## Insecure example
```nginx
server {
    listen 80;
    server_name example.com;
    location / { proxy_pass http://127.0.0.1:8000; }
}
# nothing listens on 443
```

## Fix
Serve the site over HTTPS (a free certificate from Let's Encrypt via certbot or Caddy) and then
redirect HTTP to it with `SECURE_SSL_REDIRECT = True` or a `return 301 https://$host$request_uri;`
server block.

```nginx
server {
    listen 443 ssl;
    http2 on;
    server_name example.com;
    ssl_certificate     /etc/letsencrypt/live/example.com/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/example.com/privkey.pem;
    location / {
        proxy_pass http://127.0.0.1:8000;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
```

## References
- https://docs.djangoproject.com/en/stable/topics/security/#ssl-https
- https://letsencrypt.org/getting-started/
- https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG701", "https-not-available",
            "The site is not served over HTTPS",
            Severity.HIGH, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
