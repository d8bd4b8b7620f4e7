"""Backfill a date range: one run per daily partition (Dagster)."""

import dagster as dg

daily = dg.DailyPartitionsDefinition(start_date="2025-01-01")


@dg.asset(partitions_def=daily)
def daily_sales(context: dg.AssetExecutionContext) -> str:
    day = context.partition_key  # e.g. "2025-01-03"
    context.log.info(f"loading sales for {day}")
    return f"sales for {day}"


defs = dg.Definitions(assets=[daily_sales])


def backfill(start: str, end: str, instance: dg.DagsterInstance) -> list[str]:
    # A UI/CLI backfill launches one run per partition by default; do the same here.
    keys = daily.get_partition_keys_in_range(dg.PartitionKeyRange(start, end))
    for key in keys:
        dg.materialize([daily_sales], partition_key=key, instance=instance)
    return list(keys)


if __name__ == "__main__":
    instance = dg.DagsterInstance.ephemeral()  # in-memory run and asset history
    keys = backfill("2025-01-01", "2025-01-03", instance)
    status = instance.get_status_by_partition(daily_sales.key, keys, daily)
    print({key: str(state.value) for key, state in status.items()})
