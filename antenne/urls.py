app_name = "antenne"

# Pages of this app arrive with its issue.
urlpatterns: list = []
