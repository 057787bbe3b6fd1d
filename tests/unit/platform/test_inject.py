from datetime import timedelta

from bangkom.platform.inject import inject, inject_all


async def handler(event: str, uow: object, delay: timedelta = timedelta(days=1)) -> str:
    return f"{event} after {delay.days} days"


async def plain(event: str, uow: object) -> str:
    return event


async def test_a_handler_gets_only_the_dependencies_it_names() -> None:
    table = inject_all({str: [handler, plain]}, {"delay": timedelta(days=90), "other": 1})

    with_delay, without = table[str]

    assert await with_delay("done", None) == "done after 90 days"
    assert without is plain
    assert inject(plain, {"delay": 3}) is plain
