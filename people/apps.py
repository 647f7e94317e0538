from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and organizations"

    def ready(self):
        from people import revisions

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(revisions.content_changed, dispatch_uid=f"content-revision-{signal!r}")
        post_migrate.connect(
            revisions.migrated, sender=self, dispatch_uid="content-revision-migrate"
        )
