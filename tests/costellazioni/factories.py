import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from stdnum import luhn

from costellazioni import roles
from costellazioni.models import Ente, Membership, Messaggio, Quartiere, User

DEFAULT_PASSWORD = "Venezia-Laguna-2026"


def codice_fiscale_ente(n: int) -> str:
    """A valid 11-digit codice fiscale (same algorithm as the partita IVA), distinct for each n."""
    body = f"{8000000 + n:07d}027"  # serial number, then the tax office code of Venice
    return body + luhn.calc_check_digit(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.it")
    first_name = factory.Faker("first_name", locale="it_IT")
    last_name = factory.Faker("last_name", locale="it_IT")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Allauth refuses logins with an unverified address; factories make verified people by default."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            self.save()
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(*Group.objects.filter(name__in=[roles.STAFF_COMUNALE, *(extracted or [])]))


class EnteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ente

    denominazione = factory.Sequence(lambda n: f"Associazione Laguna Solidale {n}")
    tipo = Ente.Tipo.APS
    codice_fiscale = factory.Sequence(codice_fiscale_ente)
    quartiere = factory.LazyFunction(lambda: Quartiere.objects.order_by("pk").first())
    email = factory.Sequence(lambda n: f"info{n}@ente.example.it")

    class Params:
        verified = factory.Trait(
            stato_verifica=Ente.StatoVerifica.VERIFICATO,
            verificato_da=factory.SubFactory(StaffFactory),
            verificato_il=factory.LazyFunction(timezone.now),
        )
        runts = factory.Trait(runts_numero=factory.Sequence(lambda n: f"{100000 + n}"), runts_sezione="b")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    ente = factory.SubFactory(EnteFactory)
    ruolo = Membership.Ruolo.REFERENTE

    class Params:
        verified = factory.Trait(
            stato=Membership.Stato.VERIFICATA,
            verificata_da=factory.SubFactory(StaffFactory),
            verificata_il=factory.LazyFunction(timezone.now),
        )


class MessaggioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Messaggio

    destinatario = factory.SubFactory(UserFactory)
    oggetto = factory.Sequence(lambda n: f"Avviso numero {n}")
    testo = "La tua richiesta è stata aggiornata."
