"""The directory's records: communities, partnerships and the sources citing them,
organizations, and the curated FAQ and history."""

from .base import FIRST_YEAR, TimeStampedModel, validate_not_future_year
from .community import DERIVED_FIELDS, Community
from .content import HistoryEvent, Question, timeline
from .generation import Generation
from .organization import Organization
from .partnership import Citation, Partnership, communities_sharing_partners
from .source import Source

__all__ = [
    "DERIVED_FIELDS",
    "FIRST_YEAR",
    "Citation",
    "Community",
    "Generation",
    "HistoryEvent",
    "Organization",
    "Partnership",
    "Question",
    "Source",
    "TimeStampedModel",
    "communities_sharing_partners",
    "timeline",
    # Named by the migrations.
    "validate_not_future_year",
]
