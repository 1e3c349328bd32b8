from django.core.paginator import Paginator
from django.utils.functional import cached_property

FIRST_PAGE = (None, "", 1, "1")


class FirstPagePaginator(Paginator):
    """A Paginator that counts the rows only when there is more than one page.

    Most searches end on their first page. Django's Paginator counts every match before
    it fetches a page; asked for the first page, this one fetches one row more than a
    page instead, and counts only when that extra row shows that there is a second page.
    """

    head = None

    def get_page(self, number):
        if number in FIRST_PAGE:
            self.head = list(self.object_list[: self.per_page + 1])
        return super().get_page(number)

    @cached_property
    def count(self):
        if self.head is not None and len(self.head) <= self.per_page:
            return len(self.head)
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        if number == 1 and self.head is not None:
            return self._get_page(self.head[: self.per_page], 1, self)
        return super().page(number)
