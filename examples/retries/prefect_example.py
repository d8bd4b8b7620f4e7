"""Retries: one step fails twice then succeeds; another fails on every attempt."""

from prefect import flow, task
from prefect.runtime import task_run


@task(retries=2)  # up to 3 attempts in total
def flaky_download() -> str:
    attempt = task_run.run_count  # run_count is 1 on the first attempt
    if attempt < 3:
        raise ConnectionError(f"attempt {attempt} failed")
    return f"downloaded on attempt {attempt}"


@task(retries=2)
def broken_download() -> str:
    raise ConnectionError(f"attempt {task_run.run_count} failed")


@flow
def flaky_pipeline() -> str:
    return flaky_download()


@flow
def broken_pipeline() -> str:
    return broken_download()


def run_broken():
    # return_state=True returns the final State instead of raising.
    return broken_pipeline(return_state=True)


if __name__ == "__main__":
    print(flaky_pipeline())
    print(f"broken_pipeline final state: {run_broken().name}")
