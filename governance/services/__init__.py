"""Writes of the governance app, one module per concept; import from the module (``services.riunioni``)."""
