"""The admin site, titled with the application's name rather than Django's."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class LanzaroteAdminSite(admin.AdminSite):
    site_header = _("Lanzarote monitoring: administration")
    site_title = _("Lanzarote monitoring administration")
    index_title = _("Administration")
