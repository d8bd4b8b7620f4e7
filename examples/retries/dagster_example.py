"""Retries: one step fails twice then succeeds; another fails on every attempt."""

import dagster as dg

RETRY_POLICY = dg.RetryPolicy(max_retries=2)  # up to 3 attempts in total


@dg.asset(retry_policy=RETRY_POLICY)
def flaky_download(context: dg.AssetExecutionContext) -> str:
    attempt = context.retry_number + 1  # retry_number is 0 on the first attempt
    if attempt < 3:
        raise ConnectionError(f"attempt {attempt} failed")
    return f"downloaded on attempt {attempt}"


@dg.asset(retry_policy=RETRY_POLICY)
def broken_download(context: dg.AssetExecutionContext) -> str:
    raise ConnectionError(f"attempt {context.retry_number + 1} failed")


defs = dg.Definitions(assets=[flaky_download, broken_download])


def run_flaky() -> dg.ExecuteInProcessResult:
    return dg.materialize([flaky_download])


def run_broken() -> dg.ExecuteInProcessResult:
    # raise_on_error=False returns the failed result instead of raising.
    return dg.materialize([broken_download], raise_on_error=False)


if __name__ == "__main__":
    print(run_flaky().output_for_node("flaky_download"))
    print(f"broken_download run succeeded: {run_broken().success}")
