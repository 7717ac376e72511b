"""Result reports and figures (the writers themselves live in ``trainer_app.reports``).

- ``session_report``: one session's report (``build_session_report``)
- ``period_report``: a quarter, a year or chosen dates (``build_period_report``,
  ``quarter_period``, ``year_period``)
- ``figures``: the counting rules both reports share
- ``files``: saving reports and the results spreadsheet (``write_session_report``,
  ``write_period_report``, ``export_session_results``)
- ``output``: saving a document with a Vietnamese message for every failure
- ``dashboard``, ``overview``: the Tổng quan page and ``db check`` figures
"""
