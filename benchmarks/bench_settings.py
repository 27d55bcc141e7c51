"""The production settings, with the portal's URLs plus the bare view of ``benchmarks/pages.py``."""

from costellazioni.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
