"""Fan out over a list known only at run time, retry one item, collect the results (Dagster DynamicOut)."""

import dagster as dg


class FilesConfig(dg.Config):
    names: list[str] = ["a.csv", "b.csv", "c.csv"]  # any length, chosen per run


@dg.op(out=dg.DynamicOut(str))
def list_files(config: FilesConfig):
    for name in config.names:
        yield dg.DynamicOutput(name, mapping_key=name.replace(".", "_"))  # one copy of each step per item


@dg.op(retry_policy=dg.RetryPolicy(max_retries=2))
def process(context: dg.OpExecutionContext, name: str) -> int:
    if name == "b.csv" and context.retry_number == 0:
        raise ConnectionError(f"{name}: connection reset")  # fails once, then succeeds
    return len(name)


@dg.op
def total(sizes: list[int]) -> int:
    return sum(sizes)


@dg.job
def fan_out():
    total(list_files().map(process).collect())


defs = dg.Definitions(jobs=[fan_out])


def run(names: list[str]) -> dg.ExecuteInProcessResult:
    config = dg.RunConfig(ops={"list_files": FilesConfig(names=names)})
    return fan_out.execute_in_process(run_config=config)


if __name__ == "__main__":
    result = run(["a.csv", "b.csv", "c.csv", "d.csv"])
    print(f"success={result.success} total={result.output_for_node('total')}")
