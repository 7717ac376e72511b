"""Quizzes and the answers to them.

- ``service``: the editable quiz and its frozen versions (``store_quiz``, ``get_quiz_doc``,
  ``list_quizzes``, ``freeze``, ``version_doc``)
- ``quiz_files``: check and import quiz files, the shipped bank, export, the XLSX template
  (``check_files``, ``import_file``, ``load_shipped_bank``, ``export_quiz``, ``save_template``)
- ``attempts``: scoring and storing an attempt, paper letters, item analysis of a version
  (``record_attempt_from_letters``, ``ensure_present``, ``item_analysis_for_version``)
- ``kiosk``: one participant after another on the laptop, each answer committed at once
  (``quiz_steps``, ``start_attempt``, ``save_answer``, ``submit``)
- ``kiosk_settings``: what the result screen shows and the trainer's PIN
- ``paper_entry``: paper sheets typed in row by row (``paper_sheet``, ``save_paper_row``)
- ``answer_sheets``: the printed answer sheets (``write_answer_sheets``)
- ``item_stats``: item analysis of a quiz over a session or a period, per version
  (``quiz_stats``, ``sessions_using_quiz``)
- ``item_sums``: the sums behind it, taken in SQL (``version_sums``)
"""
