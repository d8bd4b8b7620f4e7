"""Six independent steps, at most two running at once (Prefect thread pool task runner)."""

import time

from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


@task
def step(n: int) -> tuple[float, float]:
    start = time.time()
    time.sleep(1)
    return start, time.time()


# Submitted tasks run on a pool of two worker threads.
@flow(task_runner=ThreadPoolTaskRunner(max_workers=2))
def six_steps() -> dict[str, tuple[float, float]]:
    futures = step.map(range(6))
    return {f"step_{n}": span for n, span in enumerate(futures.result())}


def run() -> dict[str, tuple[float, float]]:
    return six_steps()


if __name__ == "__main__":
    for name, (start, end) in sorted(run().items(), key=lambda kv: kv[1]):
        print(f"{name}: {start:.2f} -> {end:.2f}")
