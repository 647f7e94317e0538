"""Fixtures for the seed tests: a copy of seeds/ to edit, and a fingerprint of the database."""

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

SEEDS = Path(settings.BASE_DIR) / "seeds"
SEED_FILE_NAME = "000_fe52a92415617daa.yaml"
ARTICLE_NAME = "000_fe52a92415617daa.txt"


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A copy of the seeds folder that a test may edit; returns the seed file's path."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder / SEED_FILE_NAME


def database_fingerprint() -> dict:
    """Every row of every table of ours, history and seed keys included, as plain values."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        # The content revision is a counter of changes, not a record (core/revisions.py).
        if model._meta.app_label in {"people", "sources", "claims"}
        and model._meta.model_name != "contentrevision"
    }
