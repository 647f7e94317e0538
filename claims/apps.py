from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_editorial_groups(sender, **kwargs) -> None:
    from claims.services import ensure_editorial_groups

    ensure_editorial_groups()


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and fact-checks"

    def ready(self) -> None:
        # After every migrate (tests included) the Editor and Publisher groups exist and are current.
        post_migrate.connect(_create_editorial_groups, sender=self)
