"""Screens that show what services wrote and let nobody add, change or delete it from
the admin (every change goes through the owning app's service)."""

from __future__ import annotations


class ReadOnlyAdminMixin:
    """Put first among the bases of a ModelAdmin or an inline: nothing can be added, changed
    or deleted; viewing follows the model's view permission. (`obj` is optional: a
    ModelAdmin asks without it, an inline with it.)"""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
