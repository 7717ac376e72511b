"""The phone quiz: a small web server on the laptop (aiohttp, in its own thread) that lets
every collaborator answer on their own phone over the room's Wi-Fi, and the page's static
files. A third front door beside the window and the command line: it calls the services,
never ``ui``, and never imports PySide6 (its events reach the window through
``ui/phone_bridge.py``)."""
