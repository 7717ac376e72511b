"""Exchange packages: a station's figures go to the regional health centre as one signed
file (``.ctvpack``), never over a network service of our own. Imported data lives in the
``xch_*`` tables, apart from the workspace's own.

Public functions:

* ``export.export_package(factory, data_dir, period, path)`` — the station's package;
* ``importer.preview_package(factory, path)`` — what importing a file would do;
* ``importer.import_packages(factory, paths, accept_new_key=False)`` — take packages in;
* ``stations.list_stations(factory)``, ``stations.has_stations(factory)`` — stations known;
* ``keys.station_fingerprint(data_dir, factory)`` — this station's key, as digits;
* ``district.build_district_report(factory, period)``, ``district.district_json(report)``
  — the consolidated figures, by the period report's own function;
* ``district_files.write_district_report(factory, period, path)`` — as PDF, DOCX or XLSX;
* ``verify.verify_anywhere(factory, data_dir, payload)`` — a certificate checked against
  this workspace's own register, then the stations' signed registers.

``cryptography`` (Ed25519) is imported only when a package is made or read.
"""
