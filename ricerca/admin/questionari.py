from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.actions import apply_to_each
from ricerca import services
from ricerca.models import Compilazione, Domanda, Invito, Questionario


class DomandaInline(admin.StackedInline):
    """The survey builder: one block per question, in order; conditions point at an earlier question."""

    model = Domanda
    extra = 1
    fields = [("ordine", "tipo", "obbligatoria"), "testo", "aiuto", "opzioni", ("mostra_se", "mostra_se_valore")]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "mostra_se":
            questionario_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Domanda.objects.filter(questionario_id=questionario_id, tipo__in=Domanda.TIPI_CON_OPZIONI)
                if questionario_id
                else Domanda.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InvitoInline(admin.TabularInline):
    model = Invito
    extra = 0
    fields = ["etichetta", "link", "usato", "creato_il"]
    readonly_fields = ["link", "usato", "creato_il"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("indirizzo da inviare"))
    def link(self, obj):
        return f"{obj.questionario.get_absolute_url()}?invito={obj.token}"

    @admin.display(description=_("risposto"), boolean=True)
    def usato(self, obj):
        return Compilazione.objects.filter(invito=obj, inviata_il__isnull=False).exists()


@admin.action(description=_("Crea 10 inviti"), permissions=["change"])
def crea_inviti(modeladmin, request, queryset):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda q: services.questionario_invito_create(
            questionario=q, etichette=[f"Invito {n}" for n in range(q.inviti.count() + 1, q.inviti.count() + 11)]
        ),
        lambda n: ngettext("Inviti creati per %(n)d questionario.", "Inviti creati per %(n)d questionari.", n),
    )


@admin.register(Questionario)
class QuestionarioAdmin(admin.ModelAdmin):
    list_display = ["titolo", "scopo", "accesso", "pubblicato", "apertura", "chiusura", "risposte", "collegamenti"]
    list_filter = ["scopo", "accesso", "pubblicato"]
    search_fields = ["titolo"]
    prepopulated_fields = {"slug": ["titolo"]}
    inlines = [DomandaInline, InvitoInline]
    actions = [crea_inviti]
    fieldsets = [
        (None, {"fields": ["titolo", "slug", "descrizione", "scopo"]}),
        (_("Chi risponde e quando"), {"fields": ["accesso", "pubblicato", "apertura", "chiusura"]}),
    ]

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(n_risposte=Count("compilazioni", filter=Q(compilazioni__inviata_il__isnull=False)))
        )

    @admin.display(description=_("risposte"), ordering="n_risposte")
    def risposte(self, obj):
        return obj.n_risposte

    @admin.display(description=_("risultati"))
    def collegamenti(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">CSV</a> · <a href="{}">XLSX</a>',
            reverse("ricerca:risultati", args=[obj.slug]),
            _("Risultati"),
            reverse("ricerca:risultati_csv", args=[obj.slug]),
            reverse("ricerca:risultati_xlsx", args=[obj.slug]),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for domanda in form.instance.domande.all():
            if domanda.tipo in Domanda.TIPI_CON_OPZIONI and not domanda.scelte:
                messages.warning(request, _("La domanda «%(d)s» è a scelta ma non ha opzioni.") % {"d": domanda})
