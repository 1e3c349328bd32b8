"""Shared by the migrations that give the Curators and Moderators groups their permissions."""

from django.contrib.auth.management import create_permissions


def grant_curators(apps, model_names):
    """Curators may add, change and view these models and view their history; no deletes."""
    codenames = [
        f"{action}_{model}" for model in model_names for action in ("add", "change", "view")
    ] + [f"view_historical{model}" for model in model_names]
    grant(apps, codenames)


def grant(apps, codenames, group_name="Curators"):
    """Give the group (Curators unless named) these permissions of the directory app."""
    app_config = apps.get_app_config("directory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="directory", codename__in=codenames)
    )
