"""A daily schedule: build a report every day at 06:00 UTC (Dagster)."""

from datetime import datetime, timezone

import dagster as dg


@dg.asset
def daily_report() -> str:
    return "report built"


daily_report_schedule = dg.ScheduleDefinition(
    name="daily_report_schedule",
    target=[daily_report],
    cron_schedule="0 6 * * *",  # every day at 06:00
    execution_timezone="UTC",
)

# `dagster dev -f dagster_example.py` starts the UI and the daemon; the daemon evaluates
# the schedule once it is turned on there (or give it default_status=RUNNING).
defs = dg.Definitions(assets=[daily_report], schedules=[daily_report_schedule])


def evaluate_tick(when: datetime) -> list[dg.RunRequest]:
    # Evaluate one tick by hand, as the daemon would at `when`.
    context = dg.build_schedule_context(scheduled_execution_time=when)
    return list(daily_report_schedule.evaluate_tick(context).run_requests or [])


if __name__ == "__main__":
    tick = datetime(2025, 1, 1, 6, tzinfo=timezone.utc)
    requests = evaluate_tick(tick)
    sched = daily_report_schedule
    print(f"schedule {sched.cron_schedule!r} ({sched.execution_timezone}): "
          f"{len(requests)} run request(s) at {tick}")
