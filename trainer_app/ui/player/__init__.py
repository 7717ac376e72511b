"""The video player and document viewer windows, and the Qt adapter of the player backend."""
