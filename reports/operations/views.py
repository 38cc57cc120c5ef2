"""Health endpoints for load balancers and orchestrators, and the operator's page of the admin."""

import asyncio

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from health_check.views import HealthCheckView

from questionnaires.permissions import is_administrator

from .health import all_checks, readiness_checks
from .selectors import operations_overview

OK, FAILING = "ok", "failing"


@never_cache
def liveness(request):
    """The process is up and answers; no database, broker or file store is asked."""
    return JsonResponse({"status": OK})


class ChecksView(HealthCheckView):
    """Runs the checks concurrently (django-health-check) and answers 200, or 503 when any fails, with
    each check's name and "ok" or "failing": no reason, host name or address, which only the logs hold."""

    named_checks = staticmethod(readiness_checks)

    def get_checks(self):
        """The same checks for django-health-check's `manage.py health_check <name> --no-http`."""
        yield from self.named_checks().values()

    async def get(self, request, *args, **kwargs):
        checks = self.named_checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in checks.values()))
        outcome = {name: FAILING if result.error else OK for name, result in zip(checks, results)}
        failing = FAILING in outcome.values()
        return JsonResponse({"status": FAILING if failing else OK, "checks": outcome}, status=503 if failing else 200)


readiness = ChecksView.as_view()
health = ChecksView.as_view(named_checks=all_checks)


def operations_page(request, *, site_context: dict):
    """The admin's operator page (administrators): the queue, compilations in flight and stuck, the
    background processes' heartbeats and the stored files."""
    if not is_administrator(request.user):
        raise PermissionDenied
    context = {**site_context, "title": _("Operations"), "overview": operations_overview()}
    return render(request, "operations/operations.html", context)
