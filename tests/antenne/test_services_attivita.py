"""``antenne.services.attivita``: the field log, stored once per key, with its needs, follow-ups and photo."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from antenne import services
from antenne.models import Attivita, Seguito
from ricerca.models import Bisogno
from tests.antenne.factories import AntennaFactory, OperatoreFactory, primo_quartiere
from tests.ricerca.factories import categoria_bisogno

pytestmark = pytest.mark.django_db


class TestAttivitaLog:
    def log(self, operatore, key, **extra):
        return services.attivita_log(
            operatore=operatore,
            uuid=key,
            tipo=Attivita.Tipo.PRESIDIO,
            quartiere=primo_quartiere(),
            persone_raggiunte=12,
            **extra,
        )

    def test_logs_needs_and_follow_ups(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory()
        attivita, created = self.log(
            operatore,
            uuid.uuid4(),
            antenne=[antenna],
            bisogni=[
                {
                    "categoria": categoria_bisogno("solitudine"),
                    "descrizione": "Anziano solo al terzo piano",
                    "urgenza": "alta",
                }
            ],
            seguiti=[{"descrizione": "Richiamare la figlia", "scadenza": attivita_day() + timedelta(days=2)}],
        )
        assert created
        bisogno = attivita.bisogni.get()
        assert bisogno.quartiere == primo_quartiere() and bisogno.segnalato_da == operatore.user
        assert Seguito.objects.get().operatore == operatore
        assert list(attivita.antenne.all()) == [antenna]

    def test_same_uuid_is_stored_once(self):
        operatore = OperatoreFactory()
        key = uuid.uuid4()
        first, created_first = self.log(
            operatore, key, bisogni=[{"categoria": categoria_bisogno("casa"), "descrizione": "Umidità"}]
        )
        second, created_second = self.log(
            operatore, key, bisogni=[{"categoria": categoria_bisogno("casa"), "descrizione": "Umidità"}]
        )
        assert created_first and not created_second and first.pk == second.pk
        assert Attivita.objects.count() == 1 and Bisogno.objects.count() == 1

    def test_another_operators_uuid_is_refused(self):
        key = uuid.uuid4()
        self.log(OperatoreFactory(), key)
        with pytest.raises(PermissionDenied, match="Questo identificativo appartiene a un'altra attività."):
            self.log(OperatoreFactory(), key)

    def test_database_refuses_a_duplicate_uuid(self):
        attivita, _ = self.log(OperatoreFactory(), uuid.uuid4())
        with (
            pytest.raises(IntegrityError, match="duplicate key value violates unique constraint.*uuid"),
            transaction.atomic(),
        ):
            Attivita.objects.create(
                uuid=attivita.uuid, operatore=attivita.operatore, tipo="evento", quartiere=attivita.quartiere
            )

    def test_breakdown_cannot_exceed_total(self):
        with pytest.raises(ValidationError, match="persone raggiunte"):
            self.log(OperatoreFactory(), uuid.uuid4(), fasce={"persone_anziane": 20})

    def test_photo_is_resized_and_loses_its_exif(self):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        image = Image.new("RGB", (3000, 2000), "teal")
        exif = Image.Exif()
        exif[0x010F] = "Fotocamera"  # Make
        exif.get_ifd(0x8825)[1] = "N"  # GPSLatitudeRef
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", exif=exif)
        upload = SimpleUploadedFile("x.png", buffer.getvalue(), content_type="image/png")
        attivita, _ = self.log(OperatoreFactory(), uuid.uuid4(), foto=upload)
        with Image.open(attivita.foto.path) as saved:
            assert max(saved.size) == 1600
            assert not saved.getexif()

    def test_a_non_image_is_refused(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
        with pytest.raises(ValidationError, match="Il file non è un'immagine JPEG o PNG."):
            self.log(OperatoreFactory(), uuid.uuid4(), foto=upload)


def attivita_day():
    from django.utils import timezone

    return timezone.localdate()
