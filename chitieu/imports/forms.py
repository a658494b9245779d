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
