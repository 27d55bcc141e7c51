"""Views of the grants app, one module per audience and stage."""
