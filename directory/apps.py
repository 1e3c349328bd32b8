from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Sister cities directory"

    def ready(self):
        from .pagecache import directory_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(directory_changed, dispatch_uid=f"page-cache-{signal}")
