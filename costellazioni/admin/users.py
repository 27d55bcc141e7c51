from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from costellazioni.models import Membership, Municipalita, Quartiere, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["ente", "ruolo", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    readonly_fields = ["stato", "richiesta_il", "verificata_da", "verificata_il"]
    autocomplete_fields = ["ente"]
    show_change_link = True


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    extra = 0
    fields = ["email", "verified", "primary"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "email_digest"]
    search_fields = ["email", "first_name", "last_name", "codice_fiscale"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [EmailAddressInline, MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Dati personali"), {"fields": ("first_name", "last_name", "codice_fiscale", "telefono", "email_digest")}),
        (_("Ruoli e permessi"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Date"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class QuartiereInline(admin.TabularInline):
    model = Quartiere
    extra = 0
    fields = ["nome", "slug", "latitudine", "longitudine"]


@admin.register(Municipalita)
class MunicipalitaAdmin(admin.ModelAdmin):
    list_display = ["numero", "nome"]
    inlines = [QuartiereInline]


@admin.register(Quartiere)
class QuartiereAdmin(admin.ModelAdmin):
    list_display = ["nome", "municipalita", "latitudine", "longitudine"]
    list_filter = ["municipalita"]
    list_select_related = ["municipalita"]
    search_fields = ["nome", "municipalita__nome"]
    prepopulated_fields = {"slug": ["nome"]}
