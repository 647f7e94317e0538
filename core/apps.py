from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class CoreConfig(AppConfig):
    """The kernel: what every content app builds on. It names none of them; they register."""

    name = "core"
    verbose_name = "Kernel"

    def ready(self):
        from core import revisions

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(revisions.content_changed, dispatch_uid=f"content-revision-{signal!r}")
        post_migrate.connect(
            revisions.migrated, sender=self, dispatch_uid="content-revision-migrate"
        )
