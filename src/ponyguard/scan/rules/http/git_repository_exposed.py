r"""`/.git/HEAD` or `/.git/config` is downloadable: the repository, with the project's full source
and history, can be reconstructed.

## Why it matters
Tools such as git-dumper rebuild the whole repository from an exposed `.git` directory: every
file, every past commit, and every secret ever committed (`SECRET_KEY`, database passwords, API
keys), even ones later removed. With the source and `SECRET_KEY` an attacker can forge
sessions, password-reset links and signed data.

## Insecure example
```nginx
server {
    root /srv/mysite;          # the project checkout, .git included
    location / { try_files $uri @django; }
}
```

## Fix
Never serve the project checkout as a document root: serve only `STATIC_ROOT` and `MEDIA_ROOT`
(`location /static/ { alias /srv/static/; }`), and deny dot-files (`location ~ /\. { deny all; }`).
Then rotate every secret in the repository history.

```nginx
location /static/ { alias /srv/mysite-static/; }
location ~ /\.(?!well-known) { deny all; }
```

## References
- https://docs.djangoproject.com/en/stable/howto/static-files/deployment/
- https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information
- https://cwe.mitre.org/data/definitions/527.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG770", "git-repository-exposed",
            "The .git directory is served by the web server",
            Severity.CRITICAL, Confidence.HIGH, cwe=(527, 538), doc_text=__doc__)
