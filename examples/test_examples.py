"""Checks that every Dagster/Prefect example really does what data/examples.yml says.

conftest.py sets the isolation env vars before dagster or prefect is imported and
starts ONE Prefect server process for the session. Every claim is checked on what
the tool recorded (run records, event logs, task runs, logs, states), never on
stdout. Only public APIs: test_public_apis_only keeps it so.
"""

import importlib.util
import os
import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import dagster_home, process, wait_for

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
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


def run_script(scenario: str, tool: str, *args: str, env=None, cwd=None, timeout=180):
    """python <scenario>/<tool>_example.py, as a reader would; fails the test on a non-zero exit."""
    path = HERE / scenario / f"{tool}_example.py"
    proc = subprocess.run(
        [sys.executable, str(path), *args], cwd=cwd or path.parent, env={**os.environ, **(env or {})},
        capture_output=True, text=True, timeout=timeout,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def max_concurrency(spans) -> int:
    """Largest number of (start, end) intervals open at the same moment."""
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], x[1]))
    running = peak = 0
    for _, delta in edges:
        running += delta
        peak = max(peak, running)
    return peak


def task_runs_of(client, flow_run_id, expected: int):
    """Task runs of one flow run, waiting until the server has recorded them all."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    flt = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    return wait_for(
        lambda: client.read_task_runs(flow_run_filter=flt),
        lambda runs: len(runs) >= expected and all(r.state and r.state.is_final() for r in runs),
    )


def prefect_log_messages(client, flow_run_id, expect: str | None = None, timeout: float = 30) -> list[str]:
    """Messages the server stored for one flow run (its tasks included)."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    flt = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
    logs = wait_for(lambda: client.read_logs(log_filter=flt),
                    lambda logs: expect is None or any(expect in log.message for log in logs), timeout=timeout)
    return [log.message for log in logs]


def flow_runs_of_deployment(client, deployment_id):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    return client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))


def dagster_log_messages(instance, run_id) -> list[str]:
    return [entry.user_message for entry in instance.all_logs(run_id)]


def dagster_events_of_type(result, event_type):
    return [e for e in result.all_events if e.event_type == event_type]


# ------------------------------------------------------------------------------ rules


def test_public_apis_only():
    """No example test reaches into a private Dagster module or a raw HTTP helper."""
    offenders = []
    for path in sorted(HERE.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bdagster\._|\.request\(", line):
                offenders.append(f"{path.relative_to(HERE)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


# --------------------------------------------------------------------- 1. dependent-steps


def test_dependent_steps_dagster():
    import dagster as dg

    mod = load("dependent-steps", "dagster")
    result = mod.run()
    assert result.success
    assert result.output_for_node("numbers") == [3, 5, 8, 13]
    assert result.output_for_node("total") == 29
    order = [e.asset_key.to_user_string() for e in result.get_asset_materialization_events()]
    assert order == ["numbers", "total"]  # upstream materialized first
    loaded = dagster_events_of_type(result, dg.DagsterEventType.LOADED_INPUT)
    assert [e.step_key for e in loaded] == ["total"]  # total read numbers through the I/O manager


def test_dependent_steps_prefect(prefect_client):
    mod = load("dependent-steps", "prefect")
    state = mod.numbers_pipeline(return_state=True)
    assert state.is_completed() and state.result() == 29
    runs = task_runs_of(prefect_client, state.state_details.flow_run_id, 2)
    assert len(runs) == 2 and all(r.state.is_completed() for r in runs)
    # The server recorded that one task run consumed the other's result.
    (consumer,) = [r for r in runs if r.task_inputs.get("numbers")]
    (producer,) = [r for r in runs if r is not consumer]
    assert [inp.id for inp in consumer.task_inputs["numbers"]] == [producer.id]
    assert not any(producer.task_inputs.values())


# ----------------------------------------------------------------------------- 2. retries


def test_retries_dagster():
    import dagster as dg

    mod = load("retries", "dagster")
    ok = mod.run_flaky()
    assert ok.success
    assert ok.output_for_node("flaky_download") == "downloaded on attempt 3"
    assert len(dagster_events_of_type(ok, dg.DagsterEventType.STEP_UP_FOR_RETRY)) == 2
    assert len(dagster_events_of_type(ok, dg.DagsterEventType.STEP_RESTARTED)) == 2  # 3 attempts

    failed = mod.run_broken()
    assert not failed.success
    assert len(dagster_events_of_type(failed, dg.DagsterEventType.STEP_UP_FOR_RETRY)) == 2
    assert len(dagster_events_of_type(failed, dg.DagsterEventType.STEP_RESTARTED)) == 2
    assert len(dagster_events_of_type(failed, dg.DagsterEventType.RUN_FAILURE)) == 1
    (failure,) = dagster_events_of_type(failed, dg.DagsterEventType.STEP_FAILURE)
    assert "attempt 3 failed" in failure.event_specific_data.error.cause.message


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
    assert "attempt 3 failed" in task_run.state.message


# ---------------------------------------------------------------------------- 3. schedule


def test_schedule_dagster():
    import dagster as dg

    mod = load("schedule", "dagster")
    sched = mod.daily_report_schedule
    assert (sched.cron_schedule, sched.execution_timezone) == ("0 6 * * *", "UTC")

    # Dagster creates no runs ahead of time: the daemon evaluates each tick when it
    # falls. Evaluate the 06:00 tick as it would, then launch what it asked for.
    (request,) = mod.evaluate_tick(datetime(2025, 1, 1, 6, tzinfo=UTC))
    instance = dg.DagsterInstance.ephemeral()
    job = mod.defs.resolve_job_def(sched.job_name)
    result = job.execute_in_process(tags=request.tags, instance=instance)
    run = instance.get_run_by_id(result.run_id)
    assert run.status == dg.DagsterRunStatus.SUCCESS
    assert run.tags["dagster/schedule_name"] == "daily_report_schedule"
    assert instance.get_latest_materialization_event(dg.AssetKey("daily_report")).run_id == run.run_id


def test_schedule_prefect(prefect_client):
    mod = load("schedule", "prefect")
    deployment = mod.build_deployment()
    deployment_id = deployment.apply()  # register with the session server
    (stored,) = prefect_client.read_deployment(deployment_id).schedules
    assert (stored.schedule.cron, stored.schedule.timezone) == ("0 6 * * *", "UTC")

    # The server's scheduler service (a loop in the server process) creates the runs.
    now = datetime.now(UTC)
    runs = wait_for(lambda: flow_runs_of_deployment(prefect_client, deployment_id),
                    lambda runs: len(runs) >= 3, timeout=60)
    assert len(runs) >= 3, "the scheduler created no runs"
    assert all(r.auto_scheduled and r.state.is_scheduled() for r in runs)
    starts = sorted(r.expected_start_time.astimezone(UTC) for r in runs)[:3]
    first = starts[0]
    assert (first.hour, first.minute, first.second) == (6, 0, 0)
    assert now - timedelta(minutes=5) < first <= now + timedelta(days=1)
    assert [s - first for s in starts] == [timedelta(days=n) for n in range(3)]  # consecutive days


# ----------------------------------------------------------------- 4. partitions-backfill


def test_partitions_backfill_dagster():
    import dagster as dg

    run_script("partitions-backfill", "dagster")  # the CLI backfill of 2025-01-02...2025-01-04
    instance = dg.DagsterInstance.get()  # the same $DAGSTER_HOME as the script
    runs = [r for r in instance.get_runs() if "daily_sales" in {k.to_user_string() for k in r.asset_selection or ()}]
    (run,) = runs  # one run for the whole range
    assert run.status == dg.DagsterRunStatus.SUCCESS
    assert (run.tags["dagster/asset_partition_range_start"], run.tags["dagster/asset_partition_range_end"]) == (
        "2025-01-02", "2025-01-04")
    window = ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05"]
    mod = load("partitions-backfill", "dagster")
    status = instance.get_status_by_partition(mod.daily_sales.key, window, mod.daily)
    materialized = sorted(k for k, s in status.items() if s == dg.AssetPartitionStatus.MATERIALIZED)
    assert materialized == window[1:4]


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


def test_testing_examples_pass_under_pytest(tmp_path):
    # They bring their own session harness, which must not nest inside ours.
    files = [str(HERE / "testing" / f) for f in ("dagster_example.py", "prefect_example.py")]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    report = tmp_path / "junit.xml"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--junitxml", str(report),
                           *files], cwd=HERE / "testing", env=env, capture_output=True, text=True, timeout=150)
    assert proc.returncode == 0, proc.stdout
    junit = report.read_text()
    assert 'tests="4"' in junit and 'failures="0"' in junit and 'errors="0"' in junit, junit


# -------------------------------------------------------------------------- 6. concurrency


def test_concurrency_dagster():
    import dagster as dg

    run_script("concurrency", "dagster")  # `dagster job execute` into this session's $DAGSTER_HOME
    instance = dg.DagsterInstance.get()
    (record,) = instance.get_run_records(filters=dg.RunsFilter(job_name="six_steps_job"))
    assert record.dagster_run.status == dg.DagsterRunStatus.SUCCESS
    spans = {}
    for n in range(6):
        (materialization,) = instance.fetch_materializations(dg.AssetKey(f"step_{n}"), limit=5).records
        assert materialization.run_id == record.dagster_run.run_id
        meta = materialization.asset_materialization.metadata
        spans[n] = (meta["start"].value, meta["end"].value)
    assert len(spans) == 6
    assert max_concurrency(spans.values()) == 2


def test_concurrency_prefect(prefect_client):
    mod = load("concurrency", "prefect")
    state = mod.six_steps(return_state=True)
    assert state.is_completed()
    runs = task_runs_of(prefect_client, state.state_details.flow_run_id, 6)
    assert len(runs) == 6 and all(r.state.is_completed() for r in runs)
    # The server's own record of when each task run started and ended.
    assert max_concurrency([(r.start_time.timestamp(), r.end_time.timestamp()) for r in runs]) == 2


# ------------------------------------------------------------------------ 7. shell-command


def test_shell_command_dagster():
    import dagster as dg

    mod = load("shell-command", "dagster")
    instance = dg.DagsterInstance.ephemeral()
    ok = mod.run(instance=instance)
    assert instance.get_run_by_id(ok.run_id).status == dg.DagsterRunStatus.SUCCESS
    assert "3" in [m.strip() for m in dagster_log_messages(instance, ok.run_id)]  # in the run's event log
    assert [e.asset_key.to_user_string() for e in ok.get_asset_materialization_events()] == ["line_count"]

    failed = mod.run("echo boom >&2; exit 3", instance=instance)
    assert instance.get_run_by_id(failed.run_id).status == dg.DagsterRunStatus.FAILURE
    messages = dagster_log_messages(instance, failed.run_id)
    assert any(m.startswith("exit code 3: boom") for m in messages), messages
    assert len(dagster_events_of_type(failed, dg.DagsterEventType.STEP_FAILURE)) == 1


def test_shell_command_prefect(prefect_client):
    mod = load("shell-command", "prefect")
    ok = mod.run()
    assert ok.is_completed() and ok.result() == "3"
    messages = prefect_log_messages(prefect_client, ok.state_details.flow_run_id, expect="3")
    assert "3" in [m.strip() for m in messages]  # stored by the server as the run's logs

    failed = mod.run("echo boom >&2; exit 3")
    assert failed.is_failed()
    flow_run_id = failed.state_details.flow_run_id
    messages = prefect_log_messages(prefect_client, flow_run_id, expect="exit code 3")
    assert any(m.startswith("exit code 3: boom") for m in messages), messages
    (task_run,) = task_runs_of(prefect_client, flow_run_id, 1)
    assert task_run.state.is_failed() and "exit status 3" in task_run.state.message


# -------------------------------------------------------------------------------- 8. event


def test_event_dagster(tmp_path, monkeypatch):
    """The daemon ticks the sensor and launches the runs: nothing is called by hand."""
    import dagster as dg

    home = dagster_home(tmp_path / "home")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.csv", "b.csv"):
        (inbox / name).write_text("x\n")
    monkeypatch.setenv("DAGSTER_HOME", home)
    instance = dg.DagsterInstance.get()

    def finished():
        return [r for r in instance.get_runs() if r.status in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE)]

    daemon = [str(BIN / "dagster-daemon"), "run", "-f", str(HERE / "event" / "dagster_example.py")]
    with process(daemon, env={"DAGSTER_HOME": home}, cwd=tmp_path, name="dagster-daemon") as (proc, log):
        runs = wait_for(finished, lambda runs: len(runs) >= 2, timeout=120, interval=1)
        assert len(runs) == 2, log.read_text()[-3000:]
        time.sleep(1.1)  # a strictly newer mtime than a.csv and b.csv
        (inbox / "c.csv").write_text("x\n")
        runs = wait_for(finished, lambda runs: len(runs) >= 3, timeout=60, interval=1)
        assert len(runs) == 3, log.read_text()[-3000:]
    assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
    assert all(r.tags["dagster/sensor_name"] == "inbox_sensor" for r in runs)
    paths = sorted(r.run_config["ops"]["processed_file"]["config"]["path"] for r in runs)
    assert paths == ["inbox/a.csv", "inbox/b.csv", "inbox/c.csv"]  # each file once
    newest = max(runs, key=lambda r: instance.get_run_record_by_id(r.run_id).create_timestamp)
    assert "processing inbox/c.csv" in dagster_log_messages(instance, newest.run_id)


def test_event_prefect(prefect_client, tmp_path):
    """A serve process runs the deployment; an emitted event makes the server start exactly one run."""
    mod = load("event", "prefect")
    deployment = mod.build_deployment()
    (trigger,) = deployment.triggers
    assert trigger.expect == {"inbox.file.created"}

    serve = [sys.executable, str(HERE / "event" / "prefect_example.py"), "--serve"]
    with process(serve, name="prefect-serve-event") as (proc, log):
        deployment = wait_for(lambda: _deployment_or_none(prefect_client, "process-file/inbox"), bool, timeout=60)
        assert deployment, log.read_text()[-3000:]
        automations = wait_for(lambda: _automations_for(prefect_client, deployment.id), bool, timeout=30)
        assert len(automations) == 1 and automations[0].trigger.expect == {"inbox.file.created"}
        time.sleep(2)  # let the triggers service load the new automation

        path = str(tmp_path / "c.csv")
        mod.announce_new_file(path)
        runs = wait_for(lambda: flow_runs_of_deployment(prefect_client, deployment.id),
                        lambda runs: any(r.state.is_final() for r in runs), timeout=90, interval=0.5)
        time.sleep(3)  # and nothing more arrives
        runs = flow_runs_of_deployment(prefect_client, deployment.id)
        assert len(runs) == 1, (runs, log.read_text()[-3000:])
        # Read before stopping the serve process, which sends the run's last logs as it ends.
        logs = prefect_log_messages(prefect_client, runs[0].id, expect="processing", timeout=60)
    (run,) = runs
    assert run.state.is_completed(), run.state
    assert run.parameters == {"path": path}  # rendered from the event payload
    assert f"processing {path}" in logs


def _deployment_or_none(client, name):
    from prefect.exceptions import ObjectNotFound

    try:
        return client.read_deployment_by_name(name)
    except ObjectNotFound:
        return None


def _automations_for(client, deployment_id):
    return [a for a in client.read_automations()
            if any(getattr(act, "deployment_id", None) == deployment_id for act in a.actions)]


# ----------------------------------------------------------------------- 9. config-secrets

ENVIRONMENTS = [("duckdb:///dev.duckdb", "dev-only"), ("postgresql://warehouse.internal/prod", "s3cr3t-prod-pw")]


def test_config_secrets_dagster(monkeypatch):
    import dagster as dg

    mod = load("config-secrets", "dagster")
    instance = dg.DagsterInstance.ephemeral()
    for url, password in ENVIRONMENTS:  # same code, different environment
        monkeypatch.setenv("WAREHOUSE_URL", url)
        monkeypatch.setenv("WAREHOUSE_PASSWORD", password)
        result = mod.run(instance)
        assert instance.get_run_by_id(result.run_id).status == dg.DagsterRunStatus.SUCCESS
        messages = dagster_log_messages(instance, result.run_id)
        assert f"reading customers from {url} (password of {len(password)} characters)" in messages
        assert not any(password in m for m in messages)
        assert password not in str(instance.get_run_by_id(result.run_id).run_config)


def test_config_secrets_prefect(prefect_client):
    mod = load("config-secrets", "prefect")
    for url, password in ENVIRONMENTS:  # same code; the server holds each environment's values
        mod.configure(url, password)
        state = mod.customers(return_state=True)
        assert state.is_completed()
        messages = prefect_log_messages(prefect_client, state.state_details.flow_run_id, expect="reading customers")
        assert f"reading customers from {url} (password of {len(password)} characters)" in messages
        assert not any(password in m for m in messages)
    stored = prefect_client.read_block_document_by_name("warehouse-password", "secret", include_secrets=False)
    assert password not in str(stored.data)  # the API masks the secret unless asked for it


# ---------------------------------------------------------------------------- 10. fan-out

FILES = ["a.csv", "b.csv", "c.csv", "d.csv"]


def test_fan_out_dagster():
    import dagster as dg

    result = load("fan-out", "dagster").run(FILES)
    assert result.success and result.output_for_node("total") == 20
    retried = [e.step_key for e in dagster_events_of_type(result, dg.DagsterEventType.STEP_UP_FOR_RETRY)]
    assert retried == ["process[b_csv]"]  # one item, once
    done = sorted(e.step_key for e in dagster_events_of_type(result, dg.DagsterEventType.STEP_SUCCESS))
    assert done == ["list_files", *[f"process[{n.replace('.', '_')}]" for n in FILES], "total"]


def test_fan_out_prefect(prefect_client):
    state = load("fan-out", "prefect").fan_out(FILES, return_state=True)
    assert state.is_completed() and state.result() == 20
    runs = task_runs_of(prefect_client, state.state_details.flow_run_id, 6)
    mapped = {r.name: r for r in runs if r.name.startswith("process-")}
    assert {name: r.run_count for name, r in mapped.items()} == {
        f"process-{n}": 2 if n == "b.csv" else 1 for n in FILES}  # one item retried once
    assert all(r.state.is_completed() for r in runs)
    (collector,) = [r for r in runs if r.task_inputs.get("sizes")]
    assert sorted(str(i.id) for i in collector.task_inputs["sizes"]) == sorted(str(r.id) for r in mapped.values())


# ---------------------------------------------------------------------------- 11. caching


def test_caching_dagster(tmp_path):
    import dagster as dg

    mod = load("caching", "dagster")
    instance = dg.DagsterInstance.get()
    rates = tmp_path / "rates.txt"
    failed = mod.first_run(instance, str(rates))
    assert instance.get_run_by_id(failed).status == dg.DagsterRunStatus.FAILURE
    rates.write_text("1.1")
    rerun = mod.rerun_from_failure(instance, failed)
    run = instance.get_run_by_id(rerun)
    assert run.status == dg.DagsterRunStatus.SUCCESS and run.parent_run_id == failed

    def started(run_id):
        return sorted(e.step_key for e in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_START))

    assert started(failed) == ["priced_orders", "raw_orders"]
    assert started(rerun) == ["order_report", "priced_orders"]  # raw_orders ran once in all
    loaded = [e for e in instance.all_logs(rerun, of_type=dg.DagsterEventType.LOADED_INPUT) if e.step_key == "priced_orders"]
    assert len(loaded) == 1  # its input came from the first run's stored output


def test_caching_prefect(prefect_client, tmp_path):
    mod = load("caching", "prefect")
    rates = tmp_path / "rates.txt"
    failed = mod.pipeline(str(tmp_path), str(rates), return_state=True)
    assert failed.is_failed()
    rates.write_text("1.1")
    rerun = mod.pipeline(str(tmp_path), str(rates), return_state=True)
    assert rerun.is_completed() and rerun.result() == pytest.approx(73.7)

    def first_step(flow_run_id, expected):
        runs = task_runs_of(prefect_client, flow_run_id, expected)
        (extract,) = [r for r in runs if not any(r.task_inputs.values())]  # nothing upstream
        return extract

    assert first_step(failed.state_details.flow_run_id, 2).state.name == "Completed"
    assert first_step(rerun.state_details.flow_run_id, 3).state.name == "Cached"
    extracted = [m for m in prefect_log_messages(prefect_client, rerun.state_details.flow_run_id)
                 if "extracting orders" in m]
    assert extracted == []  # the function body did not run again
    assert "extracting orders (the slow part)" in prefect_log_messages(
        prefect_client, failed.state_details.flow_run_id, expect="extracting")


# -------------------------------------------------------------------------------- 12. dbt

DBT_NODES = ["model customer_totals", "model orders", "test not_null_customer_totals_customer",
             "test not_null_orders_order_id", "test unique_customer_totals_customer", "test unique_orders_order_id"]


def test_dbt_dagster(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOP_DUCKDB_PATH", str(tmp_path / "shop.duckdb"))
    result = load("dbt", "dagster").run()
    assert result.success
    assert sorted(e.asset_key.to_user_string() for e in result.get_asset_materialization_events()) == [
        "customer_totals", "orders"]
    checks = sorted((c.asset_key.to_user_string(), c.check_name, c.passed) for c in result.get_asset_check_evaluations())
    assert checks == [("customer_totals", "not_null_customer_totals_customer", True),
                      ("customer_totals", "unique_customer_totals_customer", True),
                      ("orders", "not_null_orders_order_id", True),
                      ("orders", "unique_orders_order_id", True)]


def test_dbt_prefect(prefect_client, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOP_DUCKDB_PATH", str(tmp_path / "shop.duckdb"))
    state = load("dbt", "prefect").shop_models(return_state=True)
    assert state.is_completed()
    runs = task_runs_of(prefect_client, state.state_details.flow_run_id, len(DBT_NODES))
    assert sorted(r.name for r in runs) == DBT_NODES
    assert all(r.state.is_completed() for r in runs)


# ---------------------------------------------------------------------- 13. deploy-worker


def test_deploy_worker_dagster(tmp_path, monkeypatch):
    """A run queued from the CLI waits until a separate daemon process dequeues it and
    its run launcher starts it in a new process."""
    import shutil

    import dagster as dg

    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(HERE / "deploy-worker" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    code = str(HERE / "deploy-worker" / "dagster_example.py")
    launch = subprocess.run([str(BIN / "dagster"), "job", "launch", "-f", code, "-j", "nightly_job"],
                            env={**os.environ, "DAGSTER_HOME": str(home)}, capture_output=True, text=True, timeout=120)
    assert launch.returncode == 0, launch.stdout + launch.stderr
    instance = dg.DagsterInstance.get()
    (run,) = instance.get_runs()
    time.sleep(3)
    assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.QUEUED  # nothing runs it yet

    with process([str(BIN / "dagster-daemon"), "run", "-f", code], env={"DAGSTER_HOME": str(home)},
                 name="dagster-daemon-deploy") as (daemon, log):
        record = wait_for(lambda: instance.get_run_by_id(run.run_id),
                          lambda r: r.status in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE),
                          timeout=120, interval=1)
        assert record.status == dg.DagsterRunStatus.SUCCESS, log.read_text()[-3000:]
        daemon_pid = daemon.pid
    entries = [e for e in instance.all_logs(run.run_id) if e.is_dagster_event]
    types = [e.dagster_event_type for e in entries]
    assert types.index(dg.DagsterEventType.RUN_ENQUEUED) < types.index(dg.DagsterEventType.RUN_STARTING) \
        < types.index(dg.DagsterEventType.RUN_START) < types.index(dg.DagsterEventType.RUN_SUCCESS)
    # The run launcher's own record of the process it started for the run.
    (launched,) = [m for m in (e.message for e in entries) if re.fullmatch(r"Started process for run \(pid: \d+\)\.", m or "")]
    pid = int(re.search(r"\d+", launched).group())
    assert pid not in (os.getpid(), daemon_pid)  # neither the test nor the daemon itself
    assert any(m == f"Executing steps using multiprocess executor: parent process (pid: {pid})"
               for m in (e.message for e in entries))


def test_deploy_worker_prefect(prefect_client):
    """A worker of the named pool, a separate process, picks the run up and executes it."""
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.deployments import run_deployment

    pool = "local-pool"
    prefect_client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
    worker = [str(BIN / "prefect"), "worker", "start", "--pool", pool, "--name", "test-worker"]
    with process(worker, env={"PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_WORKER_HEARTBEAT_SECONDS": "5"},
                 cwd=HERE / "deploy-worker", name="prefect-worker") as (proc, log):
        deployment_id = load("deploy-worker", "prefect").deploy(pool)
        flow_run = run_deployment(deployment_id, timeout=0)  # create the run; the worker starts it
        flow_run = wait_for(lambda: prefect_client.read_flow_run(flow_run.id),
                            lambda r: r.state.is_final(), timeout=120, interval=1)
        assert flow_run.state.is_completed(), (flow_run.state, log.read_text()[-3000:])
        workers = prefect_client.read_workers_for_work_pool(pool)
        # The flow's process sends its last logs as it exits: read them before stopping the worker.
        logs = prefect_log_messages(prefect_client, flow_run.id, expect="exporting in process", timeout=60)
    assert flow_run.work_pool_name == pool and flow_run.deployment_id == deployment_id
    assert [w.name for w in workers] == ["test-worker"] and workers[0].last_heartbeat_time is not None
    assert flow_run.infrastructure_pid  # set by the worker when it started the process
    (line,) = [m for m in logs if m.startswith("exporting in process")]
    pid = int(line.rsplit(" ", 1)[1])
    assert pid != os.getpid() and str(pid) in flow_run.infrastructure_pid
