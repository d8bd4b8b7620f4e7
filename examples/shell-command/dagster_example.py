"""Run an existing shell command as a tracked step (Dagster Pipes subprocess client)."""

import dagster as dg

DEFAULT_COMMAND = "printf 'alpha\\nbeta\\ngamma\\n' | wc -l"


class ShellConfig(dg.Config):
    command: str = DEFAULT_COMMAND


@dg.asset
def line_count(
    context: dg.AssetExecutionContext,
    config: ShellConfig,
    pipes_subprocess_client: dg.PipesSubprocessClient,
) -> dg.MaterializeResult:
    # stdout/stderr are forwarded to the run's logs; a non-zero exit fails the step.
    return pipes_subprocess_client.run(
        command=["sh", "-c", config.command], context=context
    ).get_materialize_result()


defs = dg.Definitions(
    assets=[line_count],
    resources={"pipes_subprocess_client": dg.PipesSubprocessClient()},
)


def run(command: str = DEFAULT_COMMAND) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [line_count],
        resources={"pipes_subprocess_client": dg.PipesSubprocessClient()},
        run_config=dg.RunConfig(ops={"line_count": ShellConfig(command=command)}),
        raise_on_error=False,
    )


if __name__ == "__main__":
    result = run()  # the command's own output ("3") appears above this line
    print(f"success={result.success}")
