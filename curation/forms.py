from django import forms
from django.conf import settings
from django.core.validators import URLValidator

MAX_FILES = 100  # Django's DATA_UPLOAD_MAX_NUMBER_FILES; a folder of more goes through `manage.py ingest`
# The uploaded bytes wait in the job's rows until a worker imports them: keep one upload modest.
MAX_TOTAL_BYTES = 50 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}))
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        # An empty file is still a file: ingestion says "empty file" for it, beside the others' outcomes.
        if data in self.empty_values:
            return None
        if not getattr(data, "name", None):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return data

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data]
        files = [self.to_python(d) for d in uploads]
        files = [f for f in files if f is not None]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        required=False,
        help_text=f"One or more .txt or .html files (up to {MAX_FILES} at a time), in any common encoding.",
    )
    outlet = forms.CharField(max_length=200, required=False, help_text="The publication, such as Arab News.")
    credit = forms.CharField(max_length=200, required=False, help_text="The wire or author, such as Reuters.")
    url = forms.CharField(
        max_length=2000,
        required=False,
        label="URL",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the article was published (one file only).",
    )
    published = forms.DateField(
        required=False,
        label="Publication date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="YYYY-MM-DD; the anchor of every relative date in the text. Leave empty to use the "
        "date found in the file.",
    )

    def clean(self):
        data = super().clean()
        files = data.get("files") or []
        if not files and "seeds" not in self.data:
            raise forms.ValidationError("Choose at least one file to upload.")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"At most {MAX_FILES} files at a time; use manage.py ingest for a folder.")
        total = sum(f.size for f in files)
        if total > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                f"These files add up to {total / 1_048_576:.0f} MB; upload at most "
                f"{MAX_TOTAL_BYTES // 1_048_576} MB at a time, or use manage.py ingest for a folder."
            )
        if data.get("url") and len(files) > 1:
            self.add_error("url", f"A URL names one article, but {len(files)} files were chosen.")
        return data


def too_large(size: int) -> str:
    limit = settings.INGEST_MAX_BYTES
    if size <= limit:
        return ""
    return f"too large: {size / 1_048_576:.1f} MB, the limit is {limit / 1_048_576:.1f} MB (INGEST_MAX_BYTES)"
