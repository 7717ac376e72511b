"""Training sessions (buổi tập huấn) and what happens on the day.

- ``service``: create from a programme, edit, invite, start, finish, list
  (``create_session``, ``invite``, ``start_session``, ``finish_session``, ``list_sessions``)
- ``programmes``, ``programme_content``: programmes, their agendas, the shipped programme
- ``attendance``: check-in, statuses, rows from the signed sheet, walk-ins
  (``check_in``, ``mark``, ``mark_rows``, ``add_walk_in``)
- ``preflight``: what would go wrong in front of the room (``preflight``)
- ``results``: one session in full for its page, the presenter and ``session show``
  (``session_detail``)
- ``facts``, ``letters``: the plan and the invitation (``write_plan``, ``write_invitation``)
- ``attendance_sheets``: attendance and allowance sheets as PDF
- ``pocket_cards``: the hotline cards
- ``documents``: every printed document of a session behind one call (``write_document``)
"""
