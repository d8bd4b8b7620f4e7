"""Testing with pytest: call assets directly, and materialize with a stand-in resource (Dagster)."""

import json
import subprocess
import sys
import urllib.request

import dagster as dg


class WeatherApi(dg.ConfigurableResource):
    base_url: str = "https://weather.example.com"

    def temperatures(self, city: str) -> list[float]:
        with urllib.request.urlopen(f"{self.base_url}/{city}", timeout=10) as response:
            return json.load(response)


@dg.asset
def temperatures(weather: WeatherApi) -> list[float]:
    return weather.temperatures("Oslo")


@dg.asset
def average_temperature(temperatures: list[float]) -> float:
    return sum(temperatures) / len(temperatures)


defs = dg.Definitions(
    assets=[temperatures, average_temperature], resources={"weather": WeatherApi()}
)


class FakeWeatherApi(WeatherApi):
    def temperatures(self, city: str) -> list[float]:
        return [1.0, 2.0, 6.0]  # canned data instead of an HTTP call


def test_assets_called_directly():
    # Invoking an asset runs its function; resources and upstream values are passed in.
    assert temperatures(FakeWeatherApi()) == [1.0, 2.0, 6.0]
    assert average_temperature([1.0, 2.0, 6.0]) == 3.0


def test_materialize_with_fake_resource():
    assets = [temperatures, average_temperature]
    result = dg.materialize(assets, resources={"weather": FakeWeatherApi()})
    assert result.success
    assert result.output_for_node("average_temperature") == 3.0


if __name__ == "__main__":
    # Same as `pytest <this file>`: a fresh pytest process collects the test_ functions.
    raise SystemExit(subprocess.call([sys.executable, "-m", "pytest", "-q", __file__]))
