"""The collaborator roster (cộng tác viên).

Owns the ``person``, ``neighbourhood`` and ``role`` rows and the roster's imports.

- ``service``: add, edit, archive, export to XLSX (``add_person``, ``update_person``,
  ``archive_person``, ``export_roster``)
- ``query``: search without accents, Vietnamese order (``query_people``, ``list_people``,
  ``get_person``)
- ``importer``: import from the ward's spreadsheets (``read_source`` → ``plan_import`` →
  ``commit_import``, ``undo_import``); its parts ``import_layout``, ``import_rows`` (no
  database), ``import_match`` (pure), ``import_store`` (the transaction)
- ``merge``: two records of one person (``merge_preview``, ``merge_people``)
- ``privacy``: a person's history, consent, data export and erasure (``erase_person``)
- ``reference``: the khu phố and role lists
- ``common``: the audit entry and small helpers the others share
"""
