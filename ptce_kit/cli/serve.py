"""``ptce serve``: the founders' workspace, the pole in a browser (see :mod:`ptce_kit.serve`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import Message, N_, gettext
from ._common import EXIT_OK

#: The message when the ``serve`` extra is missing (one place).
MISSING_EXTRA = N_("ptce serve needs the 'serve' extra (Starlette, uvicorn, python-multipart): "
                   "pip install 'ptce-kit[serve]'")


@click.command()
@click.argument("target", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port to listen on (0: a free port chosen by the system).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; other than this computer's needs --allow-remote.")
@click.option("--allow-remote", is_flag=True,
              help="Accept a --host other than 127.0.0.1/localhost/::1 (the pole's personal data "
                   "becomes reachable from the network, protected by the token only).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; print the address only.")
def serve(target: Path, port: int, host: str, allow_remote: bool, no_browser: bool) -> int:
    """Open a pole in a local web workspace (in French; English second).

    TARGET is a pole's data file or its folder (default: the current folder); a folder
    without pole.yaml offers to found a pole.  The address printed (and opened in the
    browser) holds a random token: the workspace answers only to it.  Stop with Ctrl-C.
    """
    import os
    import socket

    from ..serve.security import is_loopback, new_token

    if not is_loopback(host) and not allow_remote:
        raise click.UsageError(Message(
            "--host {host} would let other computers reach the workspace and the pole's personal data; "
            "add --allow-remote if that is what you want, or leave --host out (127.0.0.1)", host=host).render())
    if not target.exists():
        raise click.BadParameter(Message("{target} does not exist: give a pole's file or folder",
                                         target=click.format_filename(target)).render(), param_hint="TARGET")
    if target.is_dir() and not os.access(target, os.W_OK):
        raise click.BadParameter(Message("{target} is not writable", target=click.format_filename(target)).render(),
                                 param_hint="TARGET")
    try:
        import uvicorn

        from ..serve.app import create_app
    except ImportError:
        raise click.UsageError(gettext(MISSING_EXTRA)) from None
    if not is_loopback(host):
        click.echo(Message("warning: the workspace listens on {host}: anyone on the network who has the address "
                           "with its token can read and change the pole, personal data included", host=host).render(),
                   err=True)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise click.UsageError(Message("cannot listen on {host}:{port} ({why}); "
                                       "choose another --port, or leave it out to get a free one",
                                       host=host, port=port, why=exc.strerror or str(exc)).render()) from None
    sock.listen(128)  # requests made as soon as the address is printed wait for the server, not fail
    port = sock.getsockname()[1]
    token = new_token()
    app = create_app(target, token=token, host=host, port=port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/?token={token}"
    click.echo(Message("ptce serve: the workspace is at {url}", url=url).render(), err=True)
    click.echo(gettext(N_("press Ctrl-C to stop it")), err=True)
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(0.3, lambda: webbrowser.open(url)).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, date_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return EXIT_OK
