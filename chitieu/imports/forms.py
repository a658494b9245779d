import re
from datetime import datetime

from django import forms
from django.conf import settings


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp phụ lục (.docx, .xlsx, .pdf, .txt)")

    def clean_file(self):  # type: ignore[no-untyped-def]
        f = self.cleaned_data["file"]
        if f.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Tệp “{f.name}” nặng {f.size / 1024 / 1024:.1f} MB, vượt giới hạn "
                f"{settings.IMPORT_MAX_BYTES / 1024 / 1024:.0f} MB."
            )
        return f


class IdentityForm(forms.Form):
    """The document's identity as the person confirms it: what the heading did not say is typed here."""

    period_code = forms.CharField(label="Kỳ kế hoạch", required=False, max_length=20)
    number = forms.CharField(label="Số văn bản", required=False, max_length=60)
    doc_kind = forms.CharField(label="Loại văn bản", required=False, max_length=60)
    issued_on = forms.CharField(label="Ngày ban hành", required=False, max_length=10)
    title = forms.CharField(label="Tên văn bản", required=False, max_length=500)

    def __init__(self, *args, needs_period: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Without a period read from the heading nothing can be saved, so the field is required.
        self.fields["period_code"].required = needs_period
        self.fields["period_code"].error_messages["required"] = (
            "Chưa đọc được kỳ kế hoạch từ văn bản: hãy ghi kỳ (ví dụ 2026 hoặc 2026-2030)."
        )

    def clean_period_code(self):  # type: ignore[no-untyped-def]
        from chitieu.core.periods import Period, PeriodError

        value = re.sub(r"\s+", "", self.cleaned_data["period_code"]).replace("–", "-")
        if not value:
            return ""
        try:
            return Period.parse(value).code
        except PeriodError as exc:
            raise forms.ValidationError(
                f"Kỳ kế hoạch “{value}” không hợp lệ: hãy ghi một năm (2026), một giai đoạn "
                "(2026-2030) hoặc nửa năm (2026-H2)."
            ) from exc

    def clean_number(self):  # type: ignore[no-untyped-def]
        value = " ".join(self.cleaned_data["number"].split())
        if value and not re.fullmatch(r"\d+[\w.\-]*/[\wĐđ/\-.]+", value):
            raise forms.ValidationError(
                f"Số văn bản “{value}” không đúng dạng: hãy ghi như trên văn bản, ví dụ 18/KH-UBND."
            )
        return value

    def clean_issued_on(self):  # type: ignore[no-untyped-def]
        value = self.cleaned_data["issued_on"].strip()
        if not value:
            return None
        try:
            return datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError as exc:
            raise forms.ValidationError(
                f"Ngày ban hành “{value}” không hợp lệ: hãy ghi ngày/tháng/năm, ví dụ 07/04/2026."
            ) from exc
