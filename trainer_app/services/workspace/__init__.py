"""The data folder and the database in it.

- ``opening``: open a data folder: check, move a damaged file aside, migrate after a backup,
  the daily backup (``open_workspace``)
- ``datafolder``: writable folder checks, moving a file aside (standard library only)
- ``instance_lock``: one app instance per data folder
- ``backup``: backups the user asks for (``create_manual``, ``restore``, ``copy_to_external``)
- ``settings``: the unit's details and preferences (``load_org``, ``save_org``)
- ``hotlines``: the hotlines, a JSON list of {number, label} under the key ``hotlines``
  (``load_hotlines``, ``save_hotlines``, ``parse_hotlines``; the ward letter's three by
  default)
- ``check``: ``db check`` (``check_database``)
- ``demo``, ``demo_content``: the demo workspace (``fill_demo``)
"""
