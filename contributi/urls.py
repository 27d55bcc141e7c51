app_name = "contributi"

# Pages of this app arrive with its issue.
urlpatterns: list = []
