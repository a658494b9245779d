"""Organisations that lead or coordinate: departments, boards, offices, communes, and groups."""

from django.db import models

from chitieu.core.text import clean, fold

from .choices import OrgKind


class Organization(models.Model):
    """An agency, a commune or ward, or a group such as "Các sở, ban, ngành"."""

    name = models.CharField("tên", max_length=255, unique=True)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=20, choices=OrgKind.choices)
    active = models.BooleanField("đang hoạt động", default=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="cơ quan kế thừa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    member_kinds = models.JSONField("gồm các loại (với nhóm)", default=list, blank=True)
    note = models.TextField("ghi chú", blank=True)
    email = models.EmailField("thư điện tử nhận nhắc việc", blank=True)
    head_email = models.EmailField("thư điện tử thủ trưởng", blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = clean(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_group(self) -> bool:
        return self.kind == OrgKind.GROUP


class OrganizationAlias(models.Model):
    """Another way documents write an organisation's name; ``key`` is the folded form."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("tên khác", max_length=255)
    key = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = "tên khác"
        verbose_name_plural = "tên khác"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = clean(self.name)
        self.key = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
