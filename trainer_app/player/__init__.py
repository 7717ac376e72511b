"""Video playback: a backend protocol and the one module that imports vlc."""
