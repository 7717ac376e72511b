"""Use cases, one feature package each. One transaction per use case; plain DTOs out.
Never imports Qt or ``ui``; the GUI, the command line (and later the phone server) all call
these same functions.

    roster/        the collaborators: list, search, import from Excel/CSV, merge, personal data
    quizzes/       quizzes and their versions, attempts, the kiosk, paper sheets typed in
    sessions/      training sessions, programmes, attendance, the pre-flight check, results,
                   the plan, invitation, attendance sheets, pocket cards
    media/         the video and document library and its files
    certificates/  who gets a certificate, numbers, signing, the register, printing
    reporting/     session and period reports, the results spreadsheet, the dashboard
    workspace/     the data folder: opening it, instance lock, backups, settings, demo, db check

Shared by all: ``errors`` (the ``UserError`` every front door shows as it is) and
``document_header`` (the unit's header block on every printed document).
"""
