"""Six independent steps, at most two running at once (Dagster multiprocess executor)."""

import time

import dagster as dg


def make_step(n: int) -> dg.AssetsDefinition:
    @dg.asset(name=f"step_{n}")
    def step() -> dg.MaterializeResult:
        start = time.time()
        time.sleep(1)
        return dg.MaterializeResult(metadata={"start": start, "end": time.time()})

    return step


steps = [make_step(n) for n in range(6)]

six_steps_job = dg.define_asset_job(
    "six_steps_job",
    selection=steps,
    # One process per step, at most two at a time; forkserver cuts process start-up.
    executor_def=dg.multiprocess_executor.configured(
        {"max_concurrent": 2, "start_method": {"forkserver": {}}}
    ),
)

defs = dg.Definitions(assets=steps, jobs=[six_steps_job])


def get_job() -> dg.JobDefinition:
    return defs.resolve_job_def("six_steps_job")


def run() -> dict[str, tuple[float, float]]:
    # Needs a persistent instance ($DAGSTER_HOME); each step process re-imports this module.
    with dg.DagsterInstance.get() as instance:
        with dg.execute_job(dg.reconstructable(get_job), instance=instance) as result:
            events = result.get_asset_materialization_events()
            meta = {e.asset_key.to_user_string(): e.materialization.metadata for e in events}
    return {name: (m["start"].value, m["end"].value) for name, m in meta.items()}


if __name__ == "__main__":
    for name, (start, end) in sorted(run().items(), key=lambda kv: kv[1]):
        print(f"{name}: {start:.2f} -> {end:.2f}")
