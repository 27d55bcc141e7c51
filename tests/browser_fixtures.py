"""Playwright fixtures for browser tests (Debian's Chromium). Filled in by the accounts work."""
