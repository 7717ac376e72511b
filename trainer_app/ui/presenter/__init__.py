"""The presenter: what the room sees on the projector during a session (title, hotline and
closing slides, quiz status, questions one at a time), and the trainer's run controls."""
