r"""`/.env` is downloadable and contains `KEY=VALUE` settings (values are not shown in this report).

## Why it matters
`.env` files hold exactly what must stay private: `SECRET_KEY`, `DATABASE_URL` with its
password, e-mail and cloud credentials. Bots request `/.env` on every site they find. With
`SECRET_KEY` an attacker forges sessions and password-reset tokens; with the database URL they
may read or change all data.

## Insecure example
```nginx
server { root /srv/mysite; }   # /srv/mysite/.env is now https://example.com/.env
```

## Fix
Keep `.env` outside any directory the web server serves, deny dot-files at the server
(`location ~ /\. { deny all; }`), and rotate every secret the file contained: it must be
considered stolen.

```nginx
location ~ /\.(?!well-known) { deny all; }
```

## References
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
- https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG771", "env-file-exposed",
            "The .env file is served by the web server",
            Severity.CRITICAL, Confidence.HIGH, cwe=(538, 200), doc_text=__doc__)
