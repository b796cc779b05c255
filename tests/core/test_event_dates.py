"""Event dates of every precision and ranges of them: what is stored, refused, shown, the
days a date covers and the order dates sort in; and what a "when" gives."""

from __future__ import annotations

import pytest

from models.errors import ValidationError
from models.event_dates import (
    DateError,
    date_bounds,
    date_from_when,
    date_sort_key,
    parse_event_date,
    precision,
    show_date,
)


@pytest.mark.parametrize(("typed", "stored"), [
    ("2015-11-30/2015-12-02", "2015-11-30/2015-12-02"),
    (" 2015-11-30 to 2015-12-02 ", "2015-11-30/2015-12-02"),
    ("2015-11-30 TO 2015-12-02", "2015-11-30/2015-12-02"),
    ("2015-11-30 – 2015-12-02", "2015-11-30/2015-12-02"),
    ("2015-11-30–2015-12-02", "2015-11-30/2015-12-02"),
    ("2015-11-30 - 2015-12-02", "2015-11-30/2015-12-02"),
    ("2015-11-30..2015-12-02", "2015-11-30/2015-12-02"),
    ("2015-11/2016-01", "2015-11/2016-01"),
    ("2014/2016", "2014/2016"),
    ("2014–2016", "2014/2016"),
    ("2014-2016", "2014/2016"),  # two years: a month has two digits
    ("2015-11/2015-12-03", "2015-11/2015-12-03"),  # ends of different precision
    ("2015-11-30/2015-11-30", "2015-11-30"),  # the same date twice is that date
    ("2015-11 to 2015-11", "2015-11"),
    ("2015-03", "2015-03"),
    ("", ""),
])
def test_ranges_are_stored_as_iso_intervals(typed: str, stored: str) -> None:
    assert parse_event_date(typed) == stored


@pytest.mark.parametrize(("typed", "says"), [
    ("2015-12-02/2015-11-30", "ends before it begins; write the earlier date first: "
                              "2015-11-30/2015-12-02"),
    ("2016 to 2014", "ends before it begins"),
    ("2015/2015-06", "end inside its start"),
    ("2015-11-01/2015-11", "end inside its start"),
    ("2015-11-30/", "START/END"),
    ("2015/2016/2017", "START/END"),
    ("2015-02-30 to 2015-03-01", "YYYY-MM-DD"),
    ("30/11/2015", "YYYY-MM"),
    ("2015-11-30 2015-12-02", "START/END"),
])
def test_bad_ranges_are_refused_saying_what_to_write(typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says) as refused:
        parse_event_date(typed)
    message = str(refused.value)
    assert "\n" not in message and "Traceback" not in message
    assert isinstance(refused.value, DateError) and refused.value.hint.startswith("Not saved")


def test_precision_and_how_dates_are_shown() -> None:
    shown = {  # stored: (precision, short, long)
        "2015-11-30": ("day", "30 Nov 2015", "30 November 2015"),
        "2015-11": ("month", "Nov 2015", "November 2015"),
        "2015": ("year", "2015", "2015"),
        "2015-11-30/2015-12-02": ("range", "30 Nov – 2 Dec 2015", "30 November – 2 December 2015"),
        "2015-12-01/2015-12-03": ("range", "1–3 Dec 2015", "1–3 December 2015"),
        "2015-12-30/2016-01-02": ("range", "30 Dec 2015 – 2 Jan 2016",
                                  "30 December 2015 – 2 January 2016"),
        "2015-11/2016-01": ("range", "Nov 2015 – Jan 2016", "November 2015 – January 2016"),
        "2015-11/2015-12": ("range", "Nov – Dec 2015", "November – December 2015"),
        "2015-11/2015-12-03": ("range", "Nov – 3 Dec 2015", "November – 3 December 2015"),
        "2014/2016": ("range", "2014–2016", "2014–2016"),
        "2014/2015-03": ("range", "2014 – Mar 2015", "2014 – March 2015"),
    }
    for stored, (kind, short, long) in shown.items():
        assert (precision(stored), show_date(stored), show_date(stored, short=False)) == \
            (kind, short, long), stored
    assert (precision(""), show_date("")) == ("", "")
    assert show_date("sometime") == "sometime"  # not a date: as written


def test_date_bounds_give_the_days_a_date_covers() -> None:
    assert date_bounds("2015-11-30") == ("2015-11-30", "2015-11-30")
    assert date_bounds("2015-11") == ("2015-11-01", "2015-11-30")
    assert date_bounds("2016-02") == ("2016-02-01", "2016-02-29")  # a leap year
    assert date_bounds("2015") == ("2015-01-01", "2015-12-31")
    assert date_bounds("2015-11/2016-02") == ("2015-11-01", "2016-02-29")
    assert date_bounds("2014/2016") == ("2014-01-01", "2016-12-31")
    assert date_bounds("2015-11-30 to 2015-12-02") == ("2015-11-30", "2015-12-02")
    assert date_bounds("") == date_bounds("soon") == date_bounds("2015-13") == ("", "")


def test_dates_sort_by_first_day_the_wider_span_first() -> None:
    dates = ["", "2015-11-30", "2016", "oops", "2015-11", "2015-11-30/2015-12-02", "2015",
             "2015-11/2016-01", "2015-12-01", "2014/2016", "2015-11-05", "2015-10-31"]
    assert sorted(dates, key=date_sort_key) == [
        "2014/2016", "2015", "2015-10-31", "2015-11/2016-01", "2015-11", "2015-11-05",
        "2015-11-30/2015-12-02", "2015-11-30", "2015-12-01", "2016", "oops", ""]


@pytest.mark.parametrize(("when", "published", "found"), [
    ("1–3 December 2015", "", "2015-12-01/2015-12-03"),
    ("December 1-3, 2015", "", "2015-12-01/2015-12-03"),
    ("between 1 and 3 December 2015", "", "2015-12-01/2015-12-03"),
    ("from 1 to 3 December", "2016-03-10", "2015-12-01/2015-12-03"),
    ("from 30 November to 2 December", "2016-03-10", "2015-11-30/2015-12-02"),
    ("30 November – 2 December 2015", "", "2015-11-30/2015-12-02"),
    ("November 30 to December 2, 2015", "", "2015-11-30/2015-12-02"),
    ("from 30 December to 2 January", "2016-03-10", "2015-12-30/2016-01-02"),
    ("between 2014 and 2016", "", "2014/2016"),
    ("from 2014 until 2016", "", "2014/2016"),
    ("2014–2016", "", "2014/2016"),
    ("November 2015 to January 2016", "", "2015-11/2016-01"),
    ("from November to January 2016", "", "2015-11/2016-01"),
    ("from Monday to Wednesday", "2025-03-14", "2025-03-10/2025-03-12"),
    ("last week", "2025-03-14", "2025-03-03/2025-03-09"),  # Monday to Sunday
    ("this month", "2025-03-14", "2025-03"),
    ("last year", "2025-03-14", "2024"),
    ("six months ago", "2025-03-14", "2024-09"),
    ("between 2016 and 2014", "", ""),  # the wrong way round: no date, not half of one
    ("in 2014 and 2016", "", "2014"),  # "and" joins a range only after "between"
    # one date, as before
    ("on Tuesday", "2025-03-14", "2025-03-11"),
    ("1 Dec 2015", "", "2015-12-01"),
    ("in November 2015", "", "2015-11"),
    ("back in 2009", "", "2009"),
    ("2015-11", "", "2015-11"),
    ("in the 1990s", "", ""),
    ("at 2030 hours", "", ""),
    ("the same day", "2025-03-14", ""),
    ("last week", "", ""),  # no publication date to count from
    ("a while ago", "2025-03-14", ""),
])
def test_when_gives_a_date_or_a_range(when: str, published: str, found: str) -> None:
    assert date_from_when(when, published, "en") == found
