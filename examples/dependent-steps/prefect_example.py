"""Two dependent steps: load some numbers, then sum them (Prefect tasks in a flow)."""

from prefect import flow, task


@task
def load_numbers() -> list[int]:
    return [3, 5, 8, 13]


@task
def sum_numbers(numbers: list[int]) -> int:
    return sum(numbers)


@flow
def numbers_pipeline() -> int:
    # Passing one task's result into the next creates the dependency.
    numbers = load_numbers()
    return sum_numbers(numbers)


def run() -> int:
    return numbers_pipeline()


if __name__ == "__main__":
    print(f"total={run()}")
