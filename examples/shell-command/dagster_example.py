"""Run an existing shell command as a tracked step (Dagster asset wrapping subprocess)."""

import subprocess

import dagster as dg

DEFAULT_COMMAND = "printf 'alpha\\nbeta\\ngamma\\n' | wc -l"


class ShellConfig(dg.Config):
    command: str = DEFAULT_COMMAND


@dg.asset
def line_count(context: dg.AssetExecutionContext, config: ShellConfig) -> str:
    completed = subprocess.run(["sh", "-c", config.command], capture_output=True, text=True)
    context.log.info(completed.stdout)  # context.log writes to the run's event log
    if completed.returncode != 0:
        context.log.error(f"exit code {completed.returncode}: {completed.stderr}")
    completed.check_returncode()  # CalledProcessError on a non-zero exit fails the step
    return completed.stdout.strip()


defs = dg.Definitions(assets=[line_count])


def run(command: str = DEFAULT_COMMAND, instance: dg.DagsterInstance | None = None):
    return dg.materialize(
        [line_count],
        run_config=dg.RunConfig(ops={"line_count": ShellConfig(command=command)}),
        instance=instance,
        raise_on_error=False,
    )


if __name__ == "__main__":
    result = run()
    print(f"success={result.success} output={result.output_for_node('line_count')!r}")
