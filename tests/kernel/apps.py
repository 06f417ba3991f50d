from django.apps import AppConfig


class KernelConfig(AppConfig):
    """Test-only models for the core kernels; installed only under pytest, no migrations."""

    name = "tests.kernel"
    label = "kernel"
