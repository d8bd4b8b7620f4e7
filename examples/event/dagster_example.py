"""React to new files in a folder: a sensor requests one run per new file (Dagster)."""

import os
import tempfile

import dagster as dg


class Inbox(dg.ConfigurableResource):
    path: str


class FileConfig(dg.Config):
    path: str


@dg.asset
def processed_file(context: dg.AssetExecutionContext, config: FileConfig) -> str:
    context.log.info(f"processing {config.path}")
    return os.path.basename(config.path)


# The daemon (started by `dagster dev -f dagster_example.py`, or `dagster-daemon run`)
# calls this at most every 10 s; the cursor keeps the newest mtime already seen.
@dg.sensor(
    target=processed_file,
    minimum_interval_seconds=10,
    default_status=dg.DefaultSensorStatus.RUNNING,  # on as soon as the code loads
)
def inbox_sensor(context: dg.SensorEvaluationContext, inbox: Inbox):
    last_seen = float(context.cursor or 0)
    newest = last_seen
    for entry in sorted(os.scandir(inbox.path), key=lambda e: e.name):
        mtime = entry.stat().st_mtime
        if entry.is_file() and mtime > last_seen:
            newest = max(newest, mtime)
            config = dg.RunConfig(ops={"processed_file": FileConfig(path=entry.path)})
            yield dg.RunRequest(run_key=f"{entry.name}:{mtime}", run_config=config)
    context.update_cursor(str(newest))


inbox = Inbox(path="inbox")  # relative to the folder the daemon runs in
defs = dg.Definitions(assets=[processed_file], sensors=[inbox_sensor], resources={"inbox": inbox})


if __name__ == "__main__":
    # One tick by hand, as the daemon would run it, over a folder with two files.
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.csv", "b.csv"):
            open(os.path.join(folder, name), "w").close()
        context = dg.build_sensor_context(resources={"inbox": Inbox(path=folder)})
        for request in inbox_sensor.evaluate_tick(context).run_requests:
            print(f"run requested: {request.run_key.split(':')[0]}")
