from django.db import models

from .community import Community


class CommunityRedirect(models.Model):
    """An address a community had before it was merged into another: /cities/<old_slug>/
    answers 301 to the community's page (directory/places/redirects.py)."""

    old_slug = models.SlugField(
        max_length=220, unique=True, help_text="The slug of a community merged into this one."
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="redirects")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} → {self.community.slug}"

    def get_absolute_url(self):
        return self.community.get_absolute_url()
