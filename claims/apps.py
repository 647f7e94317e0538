from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate, post_save


def _create_editorial_groups(sender, **kwargs) -> None:
    from claims.services import ensure_editorial_groups

    ensure_editorial_groups()


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and fact-checks"

    def ready(self) -> None:
        from core.revisions import track_content_app

        track_content_app(self)
        # After every migrate (tests included) the Editor and Publisher groups exist and are current.
        post_migrate.connect(_create_editorial_groups, sender=self)
        # Quotes are re-checked whenever a source is archived again or a citation is saved.
        from claims.models import Citation
        from claims.verification import verify_after_archive, verify_saved_citation
        from core.history import version_restored
        from sources.signals import snapshot_taken

        snapshot_taken.connect(verify_after_archive, dispatch_uid="claims.verify_after_archive")
        post_save.connect(
            verify_saved_citation, sender=Citation, dispatch_uid="claims.verify_saved_citation"
        )
        # Restores (core.history) land in the audit log like every other editorial action.
        from claims.services import audit_restore

        version_restored.connect(audit_restore, dispatch_uid="claims.audit_restore")
        # The promises' admin registers with the default site beside claims.admin's.
        # So do the claims' (claims.matching).
        from claims.matching import admin as matching_admin  # noqa: F401
        from claims.promises import admin as promises_admin  # noqa: F401

        # A change to a source a public record cites is an editorial action too.
        from claims.services import audit_public_source_authors_change, audit_public_source_change
        from sources.models import Source

        post_save.connect(
            audit_public_source_change, sender=Source, dispatch_uid="claims.audit_source_change"
        )
        m2m_changed.connect(
            audit_public_source_authors_change,
            sender=Source.authors.through,
            dispatch_uid="claims.audit_source_authors_change",
        )
