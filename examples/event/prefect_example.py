"""React to new files: a deployment trigger starts one run per "file created" event (Prefect)."""

import sys
from pathlib import Path

from prefect import flow, serve
from prefect.events import DeploymentEventTrigger, emit_event


@flow(log_prints=True)
def process_file(path: str) -> str:
    print(f"processing {path}")
    return Path(path).name


# Registered on the server as an automation when the deployment is created.
file_created = DeploymentEventTrigger(
    expect={"inbox.file.created"},
    match={"prefect.resource.id": "inbox.file.*"},
    parameters={"path": "{{ event.payload.path }}"},  # Jinja, rendered per event
)


def build_deployment():
    return process_file.to_deployment(name="inbox", triggers=[file_created])


def announce_new_file(path: str):
    # Whatever writes the file emits the event; the server matches it to the trigger.
    return emit_event(
        event="inbox.file.created",
        resource={"prefect.resource.id": f"inbox.file.{Path(path).name}"},
        payload={"path": path},
    )


if __name__ == "__main__":
    deployment = build_deployment()
    if "--serve" in sys.argv:
        serve(deployment)  # long-running: registers the trigger, runs triggered flows
    else:
        spec = deployment.triggers[0].model_dump(include={"expect", "match", "parameters"})
        print(f"deployment {deployment.name!r} trigger: {spec}")
