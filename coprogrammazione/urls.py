app_name = "coprogrammazione"

# Pages of this app arrive with its issue.
urlpatterns: list = []
