"""The design, checked on the source: one door for state changes, one-way imports, a thin admin, small modules.

Every rule reads the project's Python files (migrations and tests exempt, except where a rule says) with
``ast`` through ``source``; a new ``obj.stato = ...`` outside ``costellazioni.services.workflow`` fails the
build. Each rule has a test of the test over a small code sample, so a rule that could never fail is noticed.
"""
