"""What follows a change to the directory's records, connected in DirectoryConfig.ready():

- a partnership saved or deleted recounts its communities' partners;
- a community saved marks its partnerships domestic or not, as its country may have
  changed;
- a status history entry saved or deleted sets its partnership's current status;
- any record saved or deleted, or a many-to-many link changed, moves the directory's
  generation on, in the same transaction, so caches keyed on it are never stale.

Bulk writes that send no signals (QuerySet.update(), generate_directory) call
Community.objects.update_partner_stats() and Generation.objects.advance() themselves.
"""

from django.db.models.signals import post_delete

from .models import Community, Generation, Partnership


def remember_communities(sender, instance, raw=False, **kwargs):
    """pre_save of a partnership: the communities it joined before this save."""
    instance._previous_communities = set(
        sender.objects.filter(pk=instance.pk)
        .values_list("community_a_id", "community_b_id")
        .first()
        or ()
    )


def recount_partners(sender, instance, **kwargs):
    """post_save and post_delete of a partnership."""
    previous = getattr(instance, "_previous_communities", set())
    communities = previous | {instance.community_a_id, instance.community_b_id}
    Community.objects.filter(pk__in=communities).update_partner_stats()


def advance_generation(sender, **kwargs):
    """post_save, post_delete and m2m_changed of any directory record."""
    Generation.objects.advance()


def apply_status_history(sender, instance, raw=False, **kwargs):
    """post_save and post_delete of a status history entry."""
    if raw:
        return
    removed = kwargs.get("signal") is post_delete and instance.status in sender.STATE_STEPS
    Partnership(pk=instance.partnership_id).apply_status_history(state_removed=removed)


def mark_domestic(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    """post_save of a community: whether each of its partnerships is domestic."""
    if raw or created or (update_fields is not None and "country" not in update_fields):
        return
    Partnership.objects.involving(instance).mark_domestic()
