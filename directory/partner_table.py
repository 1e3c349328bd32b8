"""The summary above a community's partner table: how many partners it has, for how many
the year is known, and the columns whose value is the same on every row, which the page
then says once above the table instead of on each row."""

from dataclasses import dataclass, field

# What each column shows, as a value that is equal when two rows read alike.
COLUMNS = {
    "established": lambda p: (p.established_on, p.established_year),
    "status": lambda p: (
        (p.status, p.ended_year, p.suspended_year, p.is_active) if not p.steps else p.pk
    ),
    "checked": lambda p: p.verified_on and (p.verified_on.year, p.verified_on.month),
    "sources": lambda p: tuple(citation.source_id for citation in p.cited),
}


@dataclass
class Summary:
    count: int
    dated: int
    # The columns every row shares, said once; empty for a table of one row.
    shared: set = field(default_factory=set)
    # A row that shows the shared values.
    example: object = None

    @property
    def undated(self):
        return self.count - self.dated


def summarize(partnerships):
    partnerships = list(partnerships)
    summary = Summary(
        count=len(partnerships),
        dated=sum(1 for p in partnerships if p.established_year or p.established_on),
    )
    if len(partnerships) > 1:
        summary.example = partnerships[0]
        summary.shared = {
            name for name, value in COLUMNS.items() if len({value(p) for p in partnerships}) == 1
        }
    return summary
