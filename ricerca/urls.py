app_name = "ricerca"

# Pages of this app arrive with its issue.
urlpatterns: list = []
