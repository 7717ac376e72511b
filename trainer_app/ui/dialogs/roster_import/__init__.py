"""Parts of the roster import wizard (``ui/dialogs/roster_import_wizard.py``)."""
