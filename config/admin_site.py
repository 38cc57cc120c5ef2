"""The admin site, titled with the application's name rather than Django's, with the operator's page."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from reports.operations.views import operations_page
from questionnaires.permissions import is_administrator


class LanzaroteAdminSite(admin.AdminSite):
    site_header = _("Lanzarote monitoring: administration")
    site_title = _("Lanzarote monitoring administration")
    index_title = _("Administration")

    def get_urls(self):
        return [path("operations/", self.admin_view(self.operations_view), name="operations"), *super().get_urls()]

    def operations_view(self, request):
        return operations_page(request, site_context=self.each_context(request))

    def index(self, request, extra_context=None):
        """The index links the operator's page for administrators."""
        if is_administrator(request.user):
            operations_url = reverse("admin:operations", current_app=self.name)
            extra_context = {**(extra_context or {}), "operations_url": operations_url}
        return super().index(request, extra_context)
