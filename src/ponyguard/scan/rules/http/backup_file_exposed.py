r"""A backup file (`*.bak`) or an archive (`.zip`, `.tar.gz`, recognised by its magic bytes) is
downloadable from the site root.

## Why it matters
Backups and archives left in the web root usually contain the project's source, settings with
`SECRET_KEY`, or the database. Bots try these names on every site.

## Insecure example
```sh
cd /srv/mysite && zip -r backup.zip . && tar czf site.tar.gz .   # inside the served directory
```

## Fix
Write backups outside every served directory, delete the exposed files, and deny backup
extensions at the server; treat what the archive contained as leaked.

```nginx
location ~* \.(bak|old|orig|sql|zip|tar|gz|tgz)$ { deny all; }
```

## References
- https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information
- https://cwe.mitre.org/data/definitions/530.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG774", "backup-file-exposed",
            "A backup or archive of the site is downloadable",
            Severity.HIGH, Confidence.HIGH, cwe=(530,), doc_text=__doc__)
