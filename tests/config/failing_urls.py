"""A URL whose view fails after reading a posted answer, for the tests of what an error report holds."""

import logging

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger("lanzarote.tests")


@csrf_exempt
def failing_save(request):
    logger.warning("Saving %s failed", request.POST["answer"])
    raise RuntimeError("the compilation service failed")


urlpatterns = [
    path("failing/", failing_save, name="failing"),
    path("", include("config.urls")),
]
