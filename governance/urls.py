app_name = "governance"

# Pages of this app arrive with its issue.
urlpatterns: list = []
