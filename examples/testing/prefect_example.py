"""Testing with pytest: a session test harness, task.fn(), and a mocked API call (Prefect)."""

import json
import subprocess
import sys
import urllib.request
from unittest import mock

import pytest
from prefect import flow, task
from prefect.testing.utilities import prefect_test_harness


def fetch_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@task
def temperatures(city: str) -> list[float]:
    return fetch_json(f"https://weather.example.com/{city}")


@task
def average_temperature(values: list[float]) -> float:
    return sum(values) / len(values)


@flow
def weather_pipeline(city: str = "Oslo") -> float:
    return average_temperature(temperatures(city))


@pytest.fixture(autouse=True, scope="session")
def prefect_test_fixture():
    # One temporary API server and database for the whole test session.
    with prefect_test_harness():
        yield


def test_task_fn_called_directly():
    # .fn() calls the plain function: no states, retries or server involved.
    assert average_temperature.fn([1.0, 2.0, 6.0]) == 3.0


def test_flow_with_mocked_api():
    with mock.patch(f"{__name__}.fetch_json", return_value=[1.0, 2.0, 6.0]) as fake:
        assert weather_pipeline("Oslo") == 3.0  # a real flow run against the harness
    fake.assert_called_once_with("https://weather.example.com/Oslo")


if __name__ == "__main__":
    # Same as `pytest <this file>`: a fresh pytest process collects the test_ functions.
    raise SystemExit(subprocess.call([sys.executable, "-m", "pytest", "-q", __file__]))
