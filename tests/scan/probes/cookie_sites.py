"""Sites that set cookies on various responses (home, login page, redirect hops)."""

from __future__ import annotations

from tests.scan.fakes import Canned, FakeContext, redirect, run_probe

SESSION_OK = "sessionid=abc; expires=Wed, 01 Jan 2100 00:00:00 GMT; HttpOnly; Max-Age=1209600; " \
             "Path=/; SameSite=Lax; Secure"
CSRF_OK = "csrftoken=xyz; expires=Wed, 01 Jan 2100 00:00:00 GMT; Max-Age=31449600; Path=/; " \
          "SameSite=Lax; Secure"


def cookie_site(*set_cookies: str, where: str = "https://example.test/",
                target: str = "https://example.test/") -> FakeContext:
    """A site whose response at ``where`` sets ``set_cookies``; the scan has fetched it."""
    headers = tuple(("Set-Cookie", value) for value in set_cookies)
    routes = {"https://example.test/": Canned(200, (("Content-Type", "text/html"),), "home"),
              "http://example.test/": Canned(200, (("Content-Type", "text/html"),), "home")}
    routes[where] = Canned(200, (("Content-Type", "text/html"), *headers), "page")
    ctx = FakeContext(target, routes)
    run_probe(lambda c: _fetch(c, where), ctx)
    return ctx


async def _fetch(ctx: FakeContext, url: str) -> list:
    await ctx.home()
    await ctx.fetch(url)
    return []


def redirect_setting(location: str, *set_cookies: str) -> Canned:
    return redirect(location, 302, *(("Set-Cookie", value) for value in set_cookies))
