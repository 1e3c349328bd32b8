from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATED_MODELS = ["community", "partnership", "organization", "source"]


def create_curators(apps, schema_editor):
    """Curators add, change and view directory records; they delete nothing, manage no one."""
    app_config = apps.get_app_config("directory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model}" for model in CURATED_MODELS for action in ("add", "change", "view")
    ]
    codenames += [f"view_historical{model}" for model in CURATED_MODELS]
    group, _ = Group.objects.get_or_create(name="Curators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="directory", codename__in=codenames)
    )


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
