"""A violated database constraint as the ``ValidationError`` that ``full_clean()`` would have raised.

A service on a hot path may skip the database-backed checks of ``full_clean()`` (foreign keys, unique fields,
``UniqueConstraint``, ``CheckConstraint``: one query each) because the database enforces them anyway; it then
turns the ``IntegrityError`` of the write into the same message for the person::

    candidatura.full_clean(exclude=[...foreign keys], validate_unique=False, validate_constraints=False)
    try:
        candidatura.save()
    except IntegrityError as error:
        raise integrity_error_as_validation_error(candidatura, error) from error

It runs no query (the transaction is aborted at that point).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models
from django.utils.translation import gettext as _


def _constraint_name(error: IntegrityError) -> str:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) or ""


def integrity_error_as_validation_error(instance: models.Model, error: IntegrityError) -> ValidationError:
    """The message ``instance.full_clean()`` gives for the constraint ``error`` reports (a generic one otherwise)."""
    model = type(instance)
    name = _constraint_name(error)
    for constraint in model._meta.constraints:
        if constraint.name != name:
            continue
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and not constraint.condition
            and constraint.violation_error_message == constraint.default_violation_error_message
        ):
            message = instance.unique_error_message(model, constraint.fields)
            return ValidationError({NON_FIELD_ERRORS: [message]})
        # As ``Model.validate_constraints()`` words it (a conditional unique constraint included).
        return ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
    table = model._meta.db_table
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key and name == f"{table}_{field.column}_key":
            return ValidationError({field.name: [instance.unique_error_message(model, [field.name])]})
        if field.is_relation and name.startswith(f"{table}_{field.column}_") and "_fk_" in name:
            message = field.error_messages["invalid"] % {
                "model": field.remote_field.model._meta.verbose_name,
                "pk": getattr(instance, field.attname),
                "field": field.remote_field.field_name,
                "value": getattr(instance, field.attname),
            }
            return ValidationError({field.name: [message]}, code="invalid")
    return ValidationError(
        _("Questi dati contrastano con quelli già registrati: ricarica la pagina e riprova."), code="integrity"
    )
