app_name = "monitoraggio"

# Pages of this app arrive with its issue.
urlpatterns: list = []
