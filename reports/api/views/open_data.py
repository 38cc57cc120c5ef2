"""A round's open data (CSV or JSON): what is published on the public site, for anyone."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from countries.spreadsheets import spreadsheet_safe
from reports.publication.selectors.public import round_version_or_404

from .. import selectors


class OpenDataView(APIView):
    """One row per Party × item of the round's published replies, with stable column names. In the CSV a
    text a spreadsheet would run as a formula starts with an apostrophe, as in every export; the JSON
    carries the texts as published."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["csv", "json"])],
        responses={(200, "text/csv"): OpenApiTypes.STR, (200, "application/json"): OpenApiTypes.OBJECT},
    )
    def get(self, request, round_number, fmt):
        if fmt not in ("csv", "json"):
            raise Http404
        version = round_version_or_404(round_number)
        rows = selectors.open_data_rows(version)
        filename = f"lanzarote-round-{round_number}-open-data.{fmt}"
        if fmt == "json":
            response = JsonResponse({"round": round_number, "columns": list(selectors.OPEN_DATA_COLUMNS),
                                     "rows": rows}, json_dumps_params={"ensure_ascii": False})
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(selectors.OPEN_DATA_COLUMNS)
            for row in rows:
                writer.writerow([spreadsheet_safe(row[column]) for column in selectors.OPEN_DATA_COLUMNS])
            # With a byte order mark, spreadsheet programs read the file as UTF-8.
            response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
