"""``python3 -m odoo`` from a file.

Odoo's prefork master starts its gevent process (websockets, longpolling) as
``sys.executable sys.argv[0] gevent ...``, which cannot work when ``sys.argv[0]`` is
odoo/__main__.py (a relative import); the runner starts the server with this file.
When the gevent process cannot start at all (gevent's plugins fail to load in some
environments), a placeholder stands in for it until the master stops, instead of
failing and being spawned again every second: the load clients use no websocket.
"""

import os
import sys
import time

if __name__ == "__main__":
    evented = sys.argv[1:2] == ["gevent"]  # importing odoo removes it from argv
    try:
        from odoo.cli.command import main
    except Exception as error:
        if not evented:
            raise
        sys.stderr.write(f"odoo_server.py: no gevent process here: {error!r}\n")
        master = os.getppid()
        while os.getppid() == master:
            time.sleep(1)
        sys.exit(0)
    main()
