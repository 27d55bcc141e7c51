"""Pages of the governance app: public pages (``pubbliche``), one meeting (``riunioni``), files (``file``)."""
