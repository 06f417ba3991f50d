"""Model fields of the accounts app."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """A list of choices (roles, payment methods), edited as check boxes in forms."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
            **kwargs,
        }
        # Skip ArrayField.formfield (a comma-separated text box).
        return super(ArrayField, self).formfield(**defaults)
