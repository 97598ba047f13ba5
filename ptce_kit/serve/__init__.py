"""``ptce serve``: the founders' local web workspace, a second thin face over the library.

The application (:func:`ptce_kit.serve.app.create_app`) is a Starlette ASGI app run by
uvicorn on 127.0.0.1; pages are rendered on the server with Jinja2, and every change to
the pole's file goes through :func:`ptce_kit.io.edit.edit_pole`.  Starlette, uvicorn and
python-multipart are the ``serve`` extra: ``pip install 'ptce-kit[serve]'``.
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args: object, **kwargs: object) -> object:
    """The workspace's ASGI application: see :func:`ptce_kit.serve.app.create_app`."""
    from .app import create_app as create

    return create(*args, **kwargs)  # type: ignore[arg-type]
