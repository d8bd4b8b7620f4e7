"""Run an existing shell command as a tracked step (Prefect task wrapping subprocess)."""

import subprocess

from prefect import flow, task

DEFAULT_COMMAND = "printf 'alpha\\nbeta\\ngamma\\n' | wc -l"


@task(log_prints=True)
def run_command(command: str) -> str:
    # check=True raises CalledProcessError on a non-zero exit, failing the task.
    completed = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, check=True
    )
    print(completed.stdout)  # log_prints sends this to the run's logs
    return completed.stdout.strip()


@flow
def shell_pipeline(command: str = DEFAULT_COMMAND) -> str:
    return run_command(command)


def run(command: str = DEFAULT_COMMAND):
    return shell_pipeline(command, return_state=True)


if __name__ == "__main__":
    state = run()
    print(f"state={state.name} output={state.result()!r}")
