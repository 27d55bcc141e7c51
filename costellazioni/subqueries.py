"""Counts and averages of related rows as subqueries: the outer query keeps no join and no GROUP BY, so a paginator's
count reads the outer table alone and only the rows shown are counted (the area personale's probes, lists with a
count or an average per row).
"""

from django.db.models import Func, IntegerField, QuerySet, Subquery


def count(queryset: QuerySet) -> Subquery:
    """How many rows ``queryset`` has; it refers to the outer row with ``OuterRef``."""
    rows = queryset.order_by().annotate(_count=Func("pk", function="COUNT", output_field=IntegerField()))
    return Subquery(rows.values("_count"), output_field=IntegerField())


def average(queryset: QuerySet, field: str) -> Subquery:
    """The average of ``field`` over ``queryset`` (``NULL`` without rows); it refers to the outer row with
    ``OuterRef``."""
    output_field = queryset.model._meta.get_field(field).clone()
    rows = queryset.order_by().annotate(_average=Func(field, function="AVG", output_field=output_field))
    return Subquery(rows.values("_average"), output_field=output_field)
