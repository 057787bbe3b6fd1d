"""Where the next page starts, however a list knows it has one."""

from bangkom.platform.web.paging import Page, PageParams


def test_a_counted_list_has_a_next_page_while_the_total_lies_beyond_this_one() -> None:
    paging = PageParams(limit=2, offset=2)

    middle = Page[int].counted([3, 4], paging, total=5)
    last = Page[int].counted([3, 4], paging, total=4)

    assert (middle.total, middle.next_offset) == (5, 4)
    assert (last.total, last.next_offset) == (4, None)


def test_a_fetched_list_knows_its_next_page_by_the_row_read_beyond_the_page() -> None:
    paging = PageParams(limit=2, offset=4)

    more = Page[int].fetched([5, 6, 7], paging)
    exactly = Page[int].fetched([5, 6], paging)

    assert paging.fetch_limit == 3
    assert (more.items, more.total, more.next_offset) == ([5, 6], None, 6)
    assert (exactly.items, exactly.next_offset) == ([5, 6], None)


def test_a_list_in_memory_is_sliced_and_counted_even_past_its_end() -> None:
    every = list(range(5))

    page = Page[int].sliced(every, PageParams(limit=2, offset=2))
    beyond = Page[int].sliced(every, PageParams(limit=2, offset=9))

    assert (page.items, page.total, page.next_offset) == ([2, 3], 5, 4)
    assert (beyond.items, beyond.total, beyond.offset, beyond.next_offset) == ([], 5, 9, None)
