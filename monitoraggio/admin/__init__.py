from monitoraggio.admin import catalogo, misure, report  # noqa: F401 - registers the admin classes
