"""The media library: the shipped catalogue of communication products, their files on disk.

- ``service``: items and their status, the check before a session, removing files, where a
  video stopped (``list_items``, ``check_library``, ``remove_file``, ``save_position``)
- ``catalogue``: the shipped ``media/catalogue.json`` as rows
- ``importer``: bringing files in, checked with VLC first (``import_files``, ``add_item``)
- ``file_copy``: one streamed copy with sha256, progress and cancel (``copy_file``)
"""
