"""The web service behind ``textreuse serve``: :func:`textreuse.service.app.create_app`.

Importing this package imports nothing heavy, so the command line can show the
service's :mod:`~textreuse.service.limits` without FastAPI, an optional extra.
"""
