"""Kiosk mode: participants take a quiz one after another on the laptop, full screen, in
large type; leaving needs the trainer's PIN."""
