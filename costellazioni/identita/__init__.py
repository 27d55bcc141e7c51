"""Sign-in with SPID, CIE and eIDAS through an OpenID Connect proxy run by the Comune.

The proxy (the Italian PAs' SATOSA-based IAM proxy, or the Comune's own gateway) speaks SPID/CIE towards the
identity providers; the portal speaks plain OpenID Connect to it through allauth's generic ``openid_connect``
provider, one app per proxy (``spid``, ``cie``). Accounts are linked by codice fiscale (``adapters.py``); the
assurance level of the last sign-in lives on the session (``livelli.py``).
"""
