from django.contrib.auth.management import create_permissions
from django.db import migrations


def apply_roles(apps, schema_editor):
    from costellazioni import roles

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in roles.ALL:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, models in roles.PERMISSIONS.get(name, {}).items():
            for model, actions in models.items():
                perms = Permission.objects.filter(content_type__app_label=app_label)
                if model != "*":
                    perms = perms.filter(content_type__model=model)
                perms = [p for p in perms if p.codename.split("_", 1)[0] in actions]
                group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    from costellazioni import roles

    apps.get_model("auth", "Group").objects.filter(name__in=roles.ALL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("costellazioni", "0003_territorio"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(apply_roles, remove_roles)]
