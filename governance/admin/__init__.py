from governance.admin.appalto import ContattoReteAdmin, PartenariatoAdmin, RapportoAppaltatoreAdmin, SopralluogoAdmin
from governance.admin.azioni import AzioneAdmin, RisultatoAttesoAdmin
from governance.admin.organi import DocumentoOrganoAdmin, OrganoAdmin
from governance.admin.riunioni import DecisioneAdmin, RiunioneAdmin, VerbaleAdmin

__all__ = [
    "AzioneAdmin",
    "ContattoReteAdmin",
    "DecisioneAdmin",
    "DocumentoOrganoAdmin",
    "OrganoAdmin",
    "PartenariatoAdmin",
    "RapportoAppaltatoreAdmin",
    "RisultatoAttesoAdmin",
    "RiunioneAdmin",
    "SopralluogoAdmin",
    "VerbaleAdmin",
]
