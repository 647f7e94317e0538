from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark: synthetic data, the baseline view and the probe; never installed in production."""

    name = "bench"
    verbose_name = "Benchmark"
