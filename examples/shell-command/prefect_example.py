"""Run an existing shell command as a tracked step (Prefect task wrapping subprocess)."""

import subprocess

from prefect import flow, get_run_logger, task

DEFAULT_COMMAND = "printf 'alpha\\nbeta\\ngamma\\n' | wc -l"


@task
def run_command(command: str) -> str:
    logger = get_run_logger()  # sends records to the server as the task run's logs
    completed = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
    logger.info(completed.stdout)
    if completed.returncode != 0:
        logger.error(f"exit code {completed.returncode}: {completed.stderr}")
    completed.check_returncode()  # CalledProcessError on a non-zero exit fails the task
    return completed.stdout.strip()


@flow
def shell_pipeline(command: str = DEFAULT_COMMAND) -> str:
    return run_command(command)


def run(command: str = DEFAULT_COMMAND):
    return shell_pipeline(command, return_state=True)


if __name__ == "__main__":
    state = run()
    print(f"state={state.name} output={state.result()!r}")
