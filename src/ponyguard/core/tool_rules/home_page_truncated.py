"""The home page's body was cut: too long, a decompression bomb, or still dripping in.

## Why it matters
The scan keeps at most `max_body` bytes of any answer (1 MB, counted after decompression) and
waits at most `--timeout` seconds for it, so a hostile or broken server cannot exhaust the
scanner. A home page that hits either limit is unusual: an endless stream, a gzip bomb (a few
kilobytes that expand to gigabytes), or a server that sends its answer a byte at a time (which
also makes it easy to tie up with a handful of slow clients). Checks that read the page saw
only its beginning.

## Insecure example
```text
$ ponyguard scan https://www.example.com/
PG014 the home page's body was cut at 1000000 bytes (after decompression)
```

## Fix
Find out why the page is so large or so slow: a proxy `proxy_buffering off` with a stalled
backend, a view streaming an endless response, or a misconfigured compression layer. Put
request and response timeouts in front of Django (`gunicorn --timeout`, nginx
`proxy_read_timeout`, `send_timeout`).

## References
- https://docs.gunicorn.org/en/stable/settings.html#timeout
- https://nginx.org/en/docs/http/ngx_http_core_module.html#send_timeout
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG014", "home-page-truncated", "Home page body cut at the size or time limit",
            Severity.INFO, Confidence.HIGH, cwe=(400,), doc_text=__doc__, runtime=False)
