"""Backfill a date range: one parameterised flow run per day (Prefect)."""

from datetime import date, timedelta

from prefect import flow, task


@task
def load_sales(day: date) -> str:
    return f"sales for {day.isoformat()}"


# The run name is templated from the parameter, e.g. "daily-sales-2025-01-03".
@flow(flow_run_name="daily-sales-{day}")
def daily_sales(day: date) -> str:
    return load_sales(day)


def backfill(start: date, end: date) -> list[str]:
    # No partition object: each day is a separate run with its own `day` parameter.
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return [daily_sales(day) for day in days]


if __name__ == "__main__":
    for line in backfill(date(2025, 1, 1), date(2025, 1, 3)):
        print(line)
