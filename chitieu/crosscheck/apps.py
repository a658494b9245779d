from django.apps import AppConfig


class CrosscheckConfig(AppConfig):
    name = "chitieu.crosscheck"
    verbose_name = "Đối chiếu văn bản"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, pre_delete

        from chitieu.catalog.models import Plan

        from .receivers import plan_deleted, plan_deleting

        pre_delete.connect(plan_deleting, sender=Plan, dispatch_uid="crosscheck-plan-deleting")
        post_delete.connect(plan_deleted, sender=Plan, dispatch_uid="crosscheck-plan-deleted")
