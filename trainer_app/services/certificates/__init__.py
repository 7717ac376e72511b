"""Certificates (giấy chứng nhận).

- ``service``: who may get one, issuing with numbers never reused, revoking, the register,
  checking a QR payload (``eligibility``, ``issue``, ``revoke``, ``verify``)
- ``store``: what is kept outside the database: the signing key and the number marks
- ``documents``: the PDFs: a session's certificates, re-issue, the register, the form test page
  (``write_session_certificates``, ``reissue``, ``write_register``)
- ``form_settings``: field positions on pre-printed forms
"""
