"""The phone quiz on the laptop: the trainer's window, the projector view, the controller."""
