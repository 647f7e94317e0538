from django.apps import AppConfig
from django.db.models.signals import post_save


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources"

    def ready(self) -> None:
        from core.revisions import track_content_app

        track_content_app(self)
        # A source saved with a new URL is archived in the background (sources/tasks.py).
        from sources.models import Source
        from sources.tasks import queue_archive_on_save

        post_save.connect(
            queue_archive_on_save, sender=Source, dispatch_uid="sources.queue_archive_on_save"
        )
