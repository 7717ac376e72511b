"""Video and document backends, without Qt: the backend protocol (``backend``), the one
module that imports vlc (``vlc_backend``), ``probe`` (can this file be played?), cheap
container checks (``container``) and PDF pages (``pdf_document``, the one module that imports
pypdfium2). The Qt side (signals on the GUI thread, the video window) is in ``ui/player/``."""
