"""Checks that every Dagster/Prefect example really does what its README says.

conftest.py sets the isolation env vars before dagster or prefect is imported.
All Prefect examples share ONE temporary API server (session fixture).
"""

import importlib.util
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
UTC = timezone.utc


def load(scenario: str, tool: str):
    """Import <scenario>/<tool>_example.py under a unique module name."""
    path = HERE / scenario / f"{tool}_example.py"
    name = f"example_{scenario.replace('-', '_')}_{tool}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def max_concurrency(spans) -> int:
    """Largest number of (start, end) intervals open at the same moment."""
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], x[1]))
    running = peak = 0
    for _, delta in edges:
        running += delta
        peak = max(peak, running)
    return peak


def wait_for(fetch, done, timeout=30.0, interval=0.25):
    """Poll fetch() until done(result) is true; return the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = fetch()
        if done(result) or time.monotonic() > deadline:
            return result
        time.sleep(interval)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session", autouse=True)
def testing_scenario_process():
    """Start pytest on the scenario-5 example files early, in a separate process.

    They bring their own session harness, which must not nest inside ours, so
    they run in a subprocess; starting it first lets it overlap with the rest.
    """
    files = [str(HERE / "testing" / f) for f in ("dagster_example.py", "prefect_example.py")]
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files],
        cwd=HERE / "testing",
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.communicate()


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect API server + SQLite database for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def prefect_client(prefect_server):
    from prefect import get_client

    with get_client(sync_client=True) as client:
        yield client


def task_runs_of(client, flow_run_id, expected: int):
    """Task runs of one flow run, waiting until the server has recorded them all."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    flt = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    return wait_for(
        lambda: client.read_task_runs(flow_run_filter=flt),
        lambda runs: len(runs) >= expected and all(r.state and r.state.is_final() for r in runs),
    )


def dagster_event_types(result) -> list[str]:
    return [e.event_type_value for e in result.all_events]


# --------------------------------------------------------------------- 1. dependent-steps


def test_dependent_steps_dagster():
    mod = load("dependent-steps", "dagster")
    result = mod.run()
    assert result.success
    assert result.output_for_node("numbers") == [3, 5, 8, 13]
    assert result.output_for_node("total") == 29
    order = [e.asset_key.to_user_string() for e in result.get_asset_materialization_events()]
    assert order == ["numbers", "total"]  # upstream materialized first


def test_dependent_steps_prefect(prefect_client):
    mod = load("dependent-steps", "prefect")
    assert mod.run() == 29
    state = mod.numbers_pipeline(return_state=True)
    assert state.result() == 29
    runs = {r.name.rsplit("-", 1)[0]: r for r in task_runs_of(prefect_client, state.state_details.flow_run_id, 2)}
    assert set(runs) == {"load_numbers", "sum_numbers"}
    # The server recorded that sum_numbers consumed load_numbers' result.
    upstream = [inp.id for inp in runs["sum_numbers"].task_inputs["numbers"]]
    assert upstream == [runs["load_numbers"].id]


# ----------------------------------------------------------------------------- 2. retries


def test_retries_dagster():
    mod = load("retries", "dagster")
    ok = mod.run_flaky()
    assert ok.success
    assert ok.output_for_node("flaky_download") == "downloaded on attempt 3"
    types = dagster_event_types(ok)
    assert types.count("STEP_START") + types.count("STEP_RESTARTED") == 3  # attempts
    assert types.count("STEP_UP_FOR_RETRY") == 2

    failed = mod.run_broken()
    assert not failed.success
    types = dagster_event_types(failed)
    assert types.count("STEP_START") + types.count("STEP_RESTARTED") == 3
    assert types.count("STEP_FAILURE") == 1 and "PIPELINE_FAILURE" in types
    failure = next(e for e in failed.all_events if e.event_type_value == "STEP_FAILURE")
    assert "attempt 3 failed" in failure.step_failure_data.error.cause.message


def test_retries_prefect(prefect_client):
    mod = load("retries", "prefect")
    ok = mod.flaky_pipeline(return_state=True)
    assert ok.is_completed() and ok.result() == "downloaded on attempt 3"
    (task_run,) = task_runs_of(prefect_client, ok.state_details.flow_run_id, 1)
    assert task_run.run_count == 3 and task_run.state.is_completed()

    failed = mod.run_broken()
    assert failed.is_failed()
    (task_run,) = task_runs_of(prefect_client, failed.state_details.flow_run_id, 1)
    assert task_run.run_count == 3 and task_run.state.is_failed()
    with pytest.raises(ConnectionError, match="attempt 3 failed"):
        failed.result()


# ---------------------------------------------------------------------------- 3. schedule


def test_schedule_dagster():
    import dagster as dg
    from dagster._utils.schedules import schedule_execution_time_iterator  # scheduler's own helper

    mod = load("schedule", "dagster")
    sched = mod.daily_report_schedule
    assert (sched.cron_schedule, sched.execution_timezone) == ("0 6 * * *", "UTC")

    (request,) = mod.evaluate_tick(datetime(2025, 1, 1, 6, tzinfo=UTC))
    assert request.tags["dagster/schedule_name"] == "daily_report_schedule"
    # Launch what the tick asked for and check the asset got built.
    job = mod.defs.resolve_job_def(sched.job_name)
    result = job.execute_in_process(tags=request.tags, instance=dg.DagsterInstance.ephemeral())
    assert result.success and result.output_for_node("daily_report") == "report built"

    start = datetime(2025, 1, 1, 6, 0, 1, tzinfo=UTC).timestamp()
    ticks = schedule_execution_time_iterator(start, sched.cron_schedule, sched.execution_timezone)
    assert [next(ticks) for _ in range(3)] == [datetime(2025, 1, d, 6, tzinfo=UTC) for d in (2, 3, 4)]


def test_schedule_prefect(prefect_client):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    mod = load("schedule", "prefect")
    deployment = mod.build_deployment()
    (sched,) = deployment.schedules
    assert (sched.schedule.cron, sched.schedule.timezone) == ("0 6 * * *", "UTC")

    deployment_id = deployment.apply()  # register with the test server, no serve()
    stored = prefect_client.read_deployment(deployment_id)
    assert [s.schedule.cron for s in stored.schedules] == ["0 6 * * *"]
    # Ask the server's scheduler code for the runs in a 3-day window.
    response = prefect_client.request(
        "POST",
        "/deployments/{id}/schedule",
        path_params={"id": deployment_id},
        json={"start_time": "2025-01-01T00:00:00Z", "end_time": "2025-01-03T23:59:59Z"},
    )
    response.raise_for_status()
    runs = prefect_client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    )
    starts = sorted(r.expected_start_time.astimezone(UTC) for r in runs)
    assert starts == [datetime(2025, 1, d, 6, tzinfo=UTC) for d in (1, 2, 3)]
    assert all(r.state.is_scheduled() for r in runs)


# ----------------------------------------------------------------- 4. partitions-backfill


def test_partitions_backfill_dagster():
    import dagster as dg

    mod = load("partitions-backfill", "dagster")
    instance = dg.DagsterInstance.ephemeral()
    keys = mod.backfill("2025-01-02", "2025-01-04", instance)
    assert keys == ["2025-01-02", "2025-01-03", "2025-01-04"]

    runs = instance.get_runs()
    assert sorted(r.tags["dagster/partition"] for r in runs) == keys  # one run per partition
    assert all(r.is_success for r in runs)
    window = ["2025-01-01", *keys, "2025-01-05"]
    status = instance.get_status_by_partition(mod.daily_sales.key, window, mod.daily)
    materialized = sorted(k for k, s in status.items() if s == dg.AssetPartitionStatus.MATERIALIZED)
    assert materialized == keys


def test_partitions_backfill_prefect(prefect_client):
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    mod = load("partitions-backfill", "prefect")
    results = mod.backfill(date(2025, 1, 2), date(2025, 1, 4))
    assert results == [f"sales for 2025-01-0{d}" for d in (2, 3, 4)]

    runs = prefect_client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["daily-sales"])))
    assert sorted(r.name for r in runs) == [f"daily-sales-2025-01-0{d}" for d in (2, 3, 4)]
    assert sorted(r.parameters["day"] for r in runs) == ["2025-01-02", "2025-01-03", "2025-01-04"]
    assert all(r.state.is_completed() for r in runs)


# ----------------------------------------------------------------------------- 5. testing


def test_testing_examples_pass_under_pytest(testing_scenario_process):
    out, _ = testing_scenario_process.communicate(timeout=110)
    assert testing_scenario_process.returncode == 0, out
    assert "4 passed" in out, out


# -------------------------------------------------------------------------- 6. concurrency


def test_concurrency_dagster(monkeypatch):
    # The multiprocess executor re-imports the job by module name in each child
    # process, so import this example by its plain name from its own folder.
    monkeypatch.chdir(HERE / "concurrency")
    monkeypatch.syspath_prepend(str(HERE / "concurrency"))
    monkeypatch.delitem(sys.modules, "dagster_example", raising=False)
    mod = importlib.import_module("dagster_example")
    try:
        spans = mod.run()
    finally:
        sys.modules.pop("dagster_example", None)
    assert sorted(spans) == [f"step_{n}" for n in range(6)]
    assert max_concurrency(spans.values()) == 2


def test_concurrency_prefect(prefect_server):
    spans = load("concurrency", "prefect").run()
    assert sorted(spans) == [f"step_{n}" for n in range(6)]
    assert max_concurrency(spans.values()) == 2


# ------------------------------------------------------------------------ 7. shell-command


# Dagster's own Pipes code reads the deprecated context.run_id (1.13.29); not from the example.
@pytest.mark.filterwarnings("ignore:AssetExecutionContext.run_id is deprecated:DeprecationWarning")
def test_shell_command_dagster(capfd):
    mod = load("shell-command", "dagster")
    ok = mod.run()
    assert ok.success
    assert [e.asset_key.to_user_string() for e in ok.get_asset_materialization_events()] == ["line_count"]
    out, _ = capfd.readouterr()
    assert "3" in [line.strip() for line in out.splitlines()]  # the command's stdout

    failed = mod.run("echo boom >&2; exit 3")
    assert not failed.success
    failure = next(e for e in failed.all_events if e.event_type_value == "STEP_FAILURE")
    assert "failed with code 3" in failure.step_failure_data.error.cause.message
    _, err = capfd.readouterr()
    assert "boom" in err


def test_shell_command_prefect(prefect_server):
    mod = load("shell-command", "prefect")
    ok = mod.run()
    assert ok.is_completed() and ok.result() == "3"

    failed = mod.run("echo boom >&2; exit 3")
    assert failed.is_failed()
    exc = failed.result(raise_on_failure=False)
    assert isinstance(exc, subprocess.CalledProcessError)
    assert exc.returncode == 3 and "boom" in exc.stderr


# -------------------------------------------------------------------------------- 8. event


def test_event_dagster(tmp_path):
    import dagster as dg

    mod = load("event", "dagster")
    for name, mtime in (("a.csv", 1000), ("b.csv", 2000)):
        (tmp_path / name).write_text("x\n")
        os.utime(tmp_path / name, (mtime, mtime))
    resources = {"inbox": mod.Inbox(path=str(tmp_path))}

    first = mod.inbox_sensor.evaluate_tick(dg.build_sensor_context(resources=resources))
    assert [r.run_key for r in first.run_requests] == ["a.csv:1000.0", "b.csv:2000.0"]
    assert float(first.cursor) == 2000.0

    (tmp_path / "c.csv").write_text("x\n")
    os.utime(tmp_path / "c.csv", (3000, 3000))
    context = dg.build_sensor_context(cursor=first.cursor, resources=resources)
    second = mod.inbox_sensor.evaluate_tick(context)
    (request,) = second.run_requests  # only the new file
    assert request.run_key == "c.csv:3000.0"

    result = dg.materialize([mod.processed_file], run_config=request.run_config)
    assert result.output_for_node("processed_file") == "c.csv"


def test_event_prefect(prefect_client, tmp_path):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    mod = load("event", "prefect")
    deployment = mod.build_deployment()
    (trigger,) = deployment.triggers
    assert trigger.expect == {"inbox.file.created"}
    assert trigger.match.model_dump() == {"prefect.resource.id": "inbox.file.*"}
    assert trigger.parameters == {"path": "{{ event.payload.path }}"}

    deployment_id = deployment.apply()  # creates the linked automation on the server
    automations = [
        a for a in prefect_client.read_automations()
        if any(getattr(act, "deployment_id", None) == deployment_id for act in a.actions)
    ]
    assert len(automations) == 1 and automations[0].trigger.expect == {"inbox.file.created"}

    path = str(tmp_path / "c.csv")
    assert mod.announce_new_file(path) is not None  # event accepted for sending
    flt = DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    runs = wait_for(lambda: prefect_client.read_flow_runs(deployment_filter=flt), bool)
    assert len(runs) == 1, "the automation did not create a flow run"
    assert runs[0].parameters == {"path": path}  # rendered from the event payload
