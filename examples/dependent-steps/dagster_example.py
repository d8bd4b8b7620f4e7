"""Two dependent steps: load some numbers, then sum them (Dagster assets)."""

import dagster as dg


@dg.asset
def numbers() -> list[int]:
    return [3, 5, 8, 13]


@dg.asset
def total(numbers: list[int]) -> int:
    # Naming the parameter after the upstream asset declares the dependency.
    return sum(numbers)


defs = dg.Definitions(assets=[numbers, total])


def run() -> dg.ExecuteInProcessResult:
    # Materialize both assets in one in-process run, upstream first.
    return dg.materialize([numbers, total])


if __name__ == "__main__":
    result = run()
    print(f"success={result.success} total={result.output_for_node('total')}")
