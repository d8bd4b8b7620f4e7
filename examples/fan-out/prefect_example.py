"""Fan out over a list known only at run time, retry one item, collect the results (Prefect .map)."""

from prefect import flow, task
from prefect.runtime import task_run


@task
def list_files(names: list[str]) -> list[str]:
    return names


@task(retries=2, task_run_name="process-{name}")
def process(name: str) -> int:
    if name == "b.csv" and task_run.run_count == 1:
        raise ConnectionError(f"{name}: connection reset")  # fails once, then succeeds
    return len(name)


@task
def total(sizes: list[int]) -> int:
    return sum(sizes)


@flow
def fan_out(names: list[str] = ["a.csv", "b.csv", "c.csv"]) -> int:
    files = list_files(names)
    sizes = process.map(files)  # one task run per item, however many there are
    return total(sizes)  # waits for every mapped run and passes their results


if __name__ == "__main__":
    print(f"total={fan_out(['a.csv', 'b.csv', 'c.csv', 'd.csv'])}")
