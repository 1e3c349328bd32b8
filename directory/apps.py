from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Sister cities directory"

    def ready(self):
        from . import models, signals

        pre_save.connect(signals.remember_communities, sender=models.Partnership)
        for signal in (post_save, post_delete):
            signal.connect(signals.recount_partners, sender=models.Partnership)
        post_save.connect(signals.mark_domestic, sender=models.Community)
        for signal in (post_save, post_delete):
            signal.connect(signals.apply_status_history, sender=models.StatusChange)
        records = (
            models.Community,
            models.Partnership,
            models.Citation,
            models.Source,
            models.Organization,
            models.Question,
            models.HistoryEvent,
            models.StatusChange,
            models.Listing,
        )
        for model in records:
            for signal in (post_save, post_delete):
                signal.connect(signals.advance_generation, sender=model)
        m2m_changed.connect(
            signals.advance_generation, sender=models.Organization.partnerships.through
        )
