app_name = "hubs"

# Pages of this app arrive with its issue.
urlpatterns: list = []
