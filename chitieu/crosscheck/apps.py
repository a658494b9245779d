from django.apps import AppConfig


class CrosscheckConfig(AppConfig):
    name = "chitieu.crosscheck"
    verbose_name = "Đối chiếu văn bản"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_delete

        from chitieu.catalog.models import Plan
        from chitieu.catalog.signals import targets_changed

        from .memo import INPUTS
        from .receivers import inputs_changed, plan_deleted, plan_deleting

        for model in INPUTS:
            uid = f"crosscheck-inputs-{model._meta.label_lower}"
            post_save.connect(inputs_changed, sender=model, dispatch_uid=uid + "-saved")
            post_delete.connect(inputs_changed, sender=model, dispatch_uid=uid + "-deleted")
        targets_changed.connect(inputs_changed, dispatch_uid="crosscheck-inputs-targets-changed")

        pre_delete.connect(plan_deleting, sender=Plan, dispatch_uid="crosscheck-plan-deleting")
        post_delete.connect(plan_deleted, sender=Plan, dispatch_uid="crosscheck-plan-deleted")
