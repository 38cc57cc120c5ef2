from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from questionnaires.two_factor import two_factor_recovery_codes, two_factor_setup, two_factor_verify
from questionnaires.views.account import language_set
from reports.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("questionnaires.urls")),
    path("accounts/two-factor/setup/", two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/recovery-codes/", two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("reports/", include("reports.urls")),
    path("findings/", include("reports.analysis.urls")),
    path("reports/", include("reports.publication.urls")),
    path("rounds/", include("reports.publication.public_urls")),
    path("search/", include("reports.search.urls")),
    path("recommendations/", include("reports.followup.urls")),
    path("stakeholder-comments/", include("questionnaires.contributions.urls")),
    path("api/v1/", include("reports.api.urls")),
    path("account/api-tokens/", include("reports.api.token_urls")),
    path("admin/", admin.site.urls),
    path("health/", include("reports.operations.urls")),
]
