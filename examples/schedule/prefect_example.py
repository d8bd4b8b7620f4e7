"""A daily schedule: build a report every day at 06:00 UTC (Prefect)."""

import sys

from prefect import flow, serve
from prefect.schedules import Cron


@flow(log_prints=True)
def daily_report() -> str:
    print("report built")
    return "report built"


def build_deployment():
    # A deployment carries the schedule; nothing is sent to a server yet.
    return daily_report.to_deployment(
        name="daily-report",
        schedule=Cron("0 6 * * *", timezone="UTC"),  # every day at 06:00
    )


if __name__ == "__main__":
    deployment = build_deployment()
    if "--serve" in sys.argv:
        # Long-running: registers the deployment and executes its runs when they are due.
        # The server's scheduler creates those runs, so point PREFECT_API_URL at a server
        # started with `prefect server start`: the temporary server that a script starts
        # on its own creates none.
        serve(deployment)
    else:
        schedule = deployment.schedules[0].schedule
        print(f"deployment {deployment.name!r}: cron={schedule.cron!r} "
              f"timezone={schedule.timezone}")
