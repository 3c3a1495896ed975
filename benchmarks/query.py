"""Benchmark: ponyguard.query against djangoql on the same queries, same model, same machine.

Usage: python benchmarks/query.py [--repeat 5] [--number 300]

Configures Django in-process (SQLite in memory, the test app of tests/query/) and measures,
best of ``--repeat`` runs of ``--number`` calls each, microseconds per query for:

* ponyguard ``parse`` (text → tree), its public path ``compile_query(text, schema)`` (parse,
  schema check, typed values, Q) and that Q given to ``Member.objects.filter``;
* djangoql's public path ``apply_search(Member.objects.all(), text)`` (it builds a new PLY
  parser on every call) and its parser object reused (``DjangoQLParser().parse`` once built);

in CPU time (``time.process_time``), then linearity: parse time per comparison for
``a = 1 or …`` chains of 50 to 3,200 terms.
djangoql is imported from the environment, else installed from PyPI with pip into
benchmarks/.work/site (never a dependency of ponyguard). No query touches the database.
Targets (issue 6): the public path ≥ 10× faster than ``apply_search`` and ≥ 1.5× faster than
djangoql's reused parser. Both ratios are printed for compile_query + filter against
apply_search (each ends in a QuerySet) and for compile_query against the parser alone.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SITE = HERE / ".work" / "site"

# Valid in both languages (djangoql has no unary `not`, so none here).
CORPUS = [
    'username ~ "only" and age > 20 and teams.name in ("XXX", "YYY")',
    '(modified > "2011-04-01" or state.name != "OK") and teams.name = "XXX"',
    'status = "active" and balance >= 10.5 and birthday < "1990-01-01"',
    'email endswith "@example.com" and is_active = True and age <= 65',
    'manager.username startswith "bo" or age = None or teams.state.name = "OK"',
    'username !~ "test" and (teams.name = "core" or teams.name = "ops") and age >= 18',
    'state.name in ("OK", "NEW") and balance < 1000 and email ~ "example"',
    'teams.name = "XXX" and manager.age > 30 and modified < "2020-01-01 10:00"',
]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth",
                        "tests.query.app.apps.QueryAppConfig"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        USE_TZ=True, DEFAULT_AUTO_FIELD="django.db.models.BigAutoField")
    django.setup()


def import_djangoql():  # type: ignore[no-untyped-def]
    try:
        return importlib.import_module("djangoql")
    except ImportError:
        pass
    print("djangoql not importable: pip install --target benchmarks/.work/site djangoql",
          file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(SITE), "djangoql", "ply"], check=True)
    sys.path.insert(0, str(SITE))
    return importlib.import_module("djangoql")


def per_call(func: Callable[[], object], number: int, repeat: int) -> float:
    """Best microseconds of CPU time per call (process time: steadier on a busy machine)."""
    func()
    times = timeit.repeat(func, number=number, repeat=repeat, timer=time.process_time)
    return min(times) / number * 1e6


def corpus_timer(func: Callable[[str], object]) -> Callable[[], None]:
    def run() -> None:
        for text in CORPUS:
            func(text)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--number", type=int, default=300)
    args = parser.parse_args()
    setup_django()
    djangoql = import_djangoql()
    from djangoql.parser import DjangoQLParser
    from djangoql.queryset import apply_search

    from ponyguard.query import Limits, Schema, compile_query, parse
    from tests.query.app.models import Member

    schema = Schema.for_model(Member, depth=2)
    reused = DjangoQLParser()
    for text in CORPUS:  # every query is valid for both
        str(Member.objects.filter(compile_query(text, schema)).query)
        str(apply_search(Member.objects.all(), text).query)
    size = len(CORPUS)
    average = sum(map(len, CORPUS)) / size
    n, r = args.number, args.repeat
    rows = {
        "ponyguard parse": per_call(corpus_timer(parse), n, r) / size,
        "ponyguard public path (compile_query)": per_call(corpus_timer(
            lambda t: compile_query(t, schema)), n, r) / size,
        "ponyguard compile_query + QuerySet.filter": per_call(corpus_timer(
            lambda t: Member.objects.filter(compile_query(t, schema))), n, r) / size,
        "djangoql parser reused (parse only)": per_call(corpus_timer(reused.parse), n, r) / size,
        "djangoql apply_search": per_call(corpus_timer(
            lambda t: apply_search(Member.objects.all(), t)), max(1, n // 30), r) / size,
    }
    print(f"djangoql {getattr(djangoql, '__version__', '?')}, Python "
          f"{sys.version.split()[0]}, {size} queries of {average:.0f} characters on average\n")
    print(f"{'path':50} {'µs/query':>10} {'queries/s':>11}")
    for name, micros in rows.items():
        print(f"{name:50} {micros:10.1f} {1e6 / micros:11,.0f}")
    public = rows["ponyguard public path (compile_query)"]
    vs_apply = rows["djangoql apply_search"] / rows["ponyguard compile_query + QuerySet.filter"]
    vs_parser = rows["djangoql parser reused (parse only)"] / public
    print(f"\ncompile_query + filter vs apply_search (both give a QuerySet): {vs_apply:.1f}x "
          f"faster (target ≥ 10x: "
          f"{'met' if vs_apply >= 10 else 'NOT met'})")
    print(f"compile_query vs djangoql's reused parser (parse only): {vs_parser:.2f}x faster "
          f"(target ≥ 1.5x: "
          f"{'met' if vs_parser >= 1.5 else 'NOT met'})")
    print(f"ponyguard parse vs djangoql's reused parser: "
          f"{rows['djangoql parser reused (parse only)'] / rows['ponyguard parse']:.1f}x faster")

    print(f"\n{'terms':>6} {'ponyguard µs/term':>18} {'djangoql µs/term':>17}")
    big = Limits(max_length=10**6, max_terms=10**5)
    for terms in (50, 200, 800, 3200):
        text = " or ".join(f'username = "u{i}"' for i in range(terms))
        ours = per_call(lambda text=text: parse(text, big), max(1, n // terms), r) / terms
        theirs = per_call(lambda text=text: reused.parse(text), max(1, n // terms), r) / terms
        print(f"{terms:6} {ours:18.2f} {theirs:17.2f}")


if __name__ == "__main__":
    main()
