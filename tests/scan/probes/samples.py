"""Page bodies for the HTTP probe tests: Django's own markup across versions, and look-alikes."""

from __future__ import annotations

# Django 4.0+ technical 404 (curly apostrophe), trimmed to what matters
DEBUG_404_CURLY = """<!DOCTYPE html><html lang="en"><head>
<title>Page not found at /nope/</title></head><body>
<header id="summary"><h1>Page not found <small>(404)</small></h1></header>
<main id="info"><p>Using the URLconf defined in <code>mysite.urls</code>,
Django tried these URL patterns, in this order:</p><ol><li><code>secret-admin/</code></li></ol>
<p>The current path, <code>nope/</code>, didn’t match any of these.</p></main>
<footer id="explanation"><p>
  You’re seeing this error because you have <code>DEBUG = True</code> in
  your Django settings file. Change that to <code>False</code>, and Django
  will display a standard 404 page.</p></footer></body></html>"""

# Django 3.2 (straight apostrophe, <div id="explanation">)
DEBUG_404_STRAIGHT = DEBUG_404_CURLY.replace("’", "'").replace(
    "<footer", "<div").replace("</footer>", "</div>")

# the same footer HTML-escaped, as some proxies and older templates produce it
DEBUG_404_ESCAPED = DEBUG_404_CURLY.replace("’", "&#x27;")

# Technical 404 with an empty URLconf listing: only the footer identifies it
DEBUG_404_FOOTER_ONLY = """<html><body><div id="explanation"><p>You&rsquo;re seeing this
error because you have <code>DEBUG = True</code> in your Django settings file.</p></div>
</body></html>"""

DEBUG_500 = """<!DOCTYPE html><html><head><title>ZeroDivisionError at /boom/</title></head>
<body><header id="summary"><h1>ZeroDivisionError at /boom/</h1>
<pre class="exception_value">division by zero</pre><table class="meta">
<tr><th scope="row">Request Method:</th><td>GET</td></tr>
<tr><th scope="row">Django Version:</th><td>5.2.1</td></tr>
<tr><th scope="row">Exception Value:</th><td><pre>division by zero</pre></td></tr>
</table></header><div id="traceback"><h2>Traceback</h2></div></body></html>"""

WELCOME = """<!doctype html><html><head><title>The install worked successfully!
Congratulations!</title></head><body><p>You are seeing this page because
<a href="https://docs.djangoproject.com/en/5.2/ref/settings/#debug">DEBUG=True</a> is in your
settings file and you have not configured any URLs.</p></body></html>"""

# A page *about* Django's debug mode (a blog post) is not a debug page
BLOG_ABOUT_DEBUG = """<html><body><article><h1>Never deploy with DEBUG</h1>
<p>Django shows detailed error pages when the DEBUG setting is on. Turn it off.</p>
</article></body></html>"""

PLAIN_404 = "<!doctype html><html><body><h1>Not Found</h1><p>Sorry.</p></body></html>"

ADMIN_LOGIN = """<!DOCTYPE html><html lang="en-us" dir="ltr"><head>
<title>Log in | Django site admin</title>
<link rel="stylesheet" href="/static/admin/css/base.css">
<link rel="stylesheet" href="/static/admin/css/login.css"></head>
<body class=" login" data-admin-utc-offset="0"><div id="container">
<header id="header"><div id="branding">
<div id="site-name"><a href="/admin/">Django administration</a></div></div></header>
<main id="content-main"><form action="/admin/login/?next=/admin/" method="post" id="login-form">
<input type="hidden" name="csrfmiddlewaretoken" value="abc123">
<input type="text" name="username" autofocus required id="id_username">
<input type="password" name="password" required id="id_password">
<input type="hidden" name="next" value="/admin/"><input type="submit" value="Log in">
</form></main></div></body></html>"""

# Customised admin (site_header changed, static on a CDN): still Django's admin
ADMIN_LOGIN_CUSTOM = ADMIN_LOGIN.replace("Django administration", "Acme back office").replace(
    "/static/admin/", "https://cdn.example.test/s/admin/")

# Something else living at /admin/: another product's login, answering 200
OTHER_ADMIN = """<!doctype html><html><head><title>Admin</title>
<link rel="stylesheet" href="/assets/app.css"></head><body><h1>Admin panel</h1>
<form method="post" action="/admin/session"><input name="user">
<input type="password" name="pass"><input type="hidden" name="authenticity_token" value="x">
</form></body></html>"""

LOGIN_WITH_TOKEN = """<html><body><form method="post" action="/accounts/login/">
<input type="hidden" name="csrfmiddlewaretoken" value="tok">
<input name="username"><input type="password" name="password"></form></body></html>"""

LOGIN_WITHOUT_TOKEN = """<html><body><form method="POST" action="/accounts/login/">
<input name="username"><input TYPE="Password" name="password"></form></body></html>"""

SEARCH_FORM_WITHOUT_TOKEN = """<html><body><form method="get" action="/search/">
<input name="q"></form><form method="post" action="/newsletter/"><input name="email">
</form></body></html>"""

NGINX_LISTING = """<html>
<head><title>Index of /media/</title></head>
<body>
<h1>Index of /media/</h1><hr><pre><a href="../">../</a>
<a href="invoices/">invoices/</a>                                          01-Jan-2026 10:00  -
</pre><hr></body>
</html>"""

APACHE_LISTING = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN"><html><head>
<title>Index of /static</title></head><body><h1>Index of /static</h1><table>
<tr><td><a href="/">Parent Directory</a></td></tr><tr><td><a href="admin/">admin/</a></td></tr>
</table></body></html>"""

PYTHON_LISTING = """<!DOCTYPE HTML><html lang="en"><head><meta charset="utf-8">
<title>Directory listing for /media/</title></head><body><h1>Directory listing for /media/</h1>
<hr><ul><li><a href="a.pdf">a.pdf</a></li></ul><hr></body></html>"""

DJANGO_SERVE_LISTING = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta http-equiv="Content-type" content="text/html; charset=utf-8">
    <title>Index of ./</title>
  </head>
  <body>
    <h1>Index of ./</h1>
    <ul>
      <li><a href="passport.jpg">passport.jpg</a></li>
    </ul>
  </body>
</html>"""

# A gallery page that merely talks about an index
GALLERY = """<html><head><title>Media library</title></head><body><h1>Index of our
press photos</h1><ul><li><a href="/media/a.jpg">a.jpg</a></li></ul></body></html>"""
