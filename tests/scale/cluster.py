"""What ``make scale`` starts besides Odoo: a streaming replica of the running
PostgreSQL cluster and nginx in front of the Odoo nodes, each in a directory of its
own and stopped (then removed) at the end. The main cluster is only read from: a
base backup over its local socket, and its statistics views.
"""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psycopg2

PG_BIN = Path("/usr/lib/postgresql/15/bin")
# the settings a hot standby must hold at least as high as its primary
STANDBY_MINIMUMS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)
ACCESS_LINE = re.compile(r'^(\S+) (\S+) (\S+) (\d+) "([^"]*)" "([^"]*)" \S+$')
NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format scale '$msec $request_method $uri $status "$upstream_addr" '
                     '"$upstream_status" $request_time';
    access_log {root}/access.log scale;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    # round robin; a node that refuses a connection is left alone for 10 s
    upstream odoo {{
{http_servers}
    }}
    upstream odoochat {{
{gevent_servers}
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 64m;
        proxy_read_timeout 720s;
        proxy_connect_timeout 5s;
        proxy_send_timeout 720s;
        # a request whose node refused the connection, or an idempotent one
        # (GET, HEAD) whose node died, is passed to the next node; a POST
        # already sent is not: its client sees a 502 (nginx's default)
        proxy_next_upstream error timeout;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Real-IP $remote_addr;
        location /websocket {{
            proxy_pass http://odoochat;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }}
        location / {{
            proxy_redirect off;
            proxy_pass http://odoo;
        }}
    }}
}}
"""


def query(sql, params=(), fetch=True, **connect):
    """Rows of one statement, on its own autocommit connection."""
    conn = psycopg2.connect(**connect)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if fetch else None
    finally:
        conn.close()


class Replica:
    """A hot standby of the main cluster on 127.0.0.1:``port``, run by the
    postgres OS user from a base backup (``pg_basebackup -R``) in ``root``."""

    def __init__(self, root, port, name):
        self.root = Path(root)
        self.data = self.root / "replica"
        self.port = port
        self.name = name  # its application_name on the primary
        self.log = self.root / "replica.log"
        self.started = False

    def create(self):
        settings = {
            name: query(f"SHOW {name}", dbname="postgres")[0][0]
            for name in STANDBY_MINIMUMS
        }
        subprocess.run(
            [
                PG_BIN / "pg_basebackup",
                *("-D", self.data, "-R", "-X", "stream", "--checkpoint=fast"),
                *("-d", f"application_name={self.name}"),
            ],
            check=True,
        )
        # the standby runs as the postgres OS user: it connects to the primary
        # as the postgres role (peer authentication), not as who took the backup
        auto = self.data / "postgresql.auto.conf"
        auto.write_text(re.sub(r"\buser=\S+", "user=postgres", auto.read_text()))
        # Debian keeps the configuration out of the data directory: the
        # standby gets its own, listening on loopback only
        conf = [
            f"port = {self.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.data}'",
            "hot_standby = on",
            "shared_preload_libraries = 'pg_stat_statements'",
            f"cluster_name = '{self.name}'",
            *(f"{name} = {value}" for name, value in settings.items()),
        ]
        (self.data / "postgresql.conf").write_text("\n".join(conf) + "\n")
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )
        (self.data / "pg_ident.conf").write_text("")
        self.log.touch()
        for path in (self.data, self.log):
            subprocess.run(["chown", "-R", "postgres:postgres", path], check=True)
        self.data.chmod(0o700)

    def start(self, timeout=120):
        self.started = True
        self._pg_ctl("start", "-w", "-t", str(timeout), "-l", str(self.log))
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.state() == "streaming":
                return
            time.sleep(0.5)
        raise RuntimeError(f"the replica does not stream (log: {self.log})")

    def state(self):
        rows = query(
            "SELECT state FROM pg_stat_replication WHERE application_name = %s",
            [self.name],
            dbname="postgres",
        )
        return rows[0][0] if rows else None

    def lag(self):
        """(replay lag in seconds or None when idle, bytes not yet replayed)."""
        rows = query(
            "SELECT EXTRACT(epoch FROM replay_lag),"
            "       pg_wal_lsn_diff(sent_lsn, replay_lsn)"
            "  FROM pg_stat_replication WHERE application_name = %s",
            [self.name],
            dbname="postgres",
        )
        if not rows:
            return None, None
        seconds, lag_bytes = rows[0]
        return (
            float(seconds) if seconds is not None else None,
            int(lag_bytes or 0),
        )

    def connect(self, dbname):
        return {"dbname": dbname, "host": "127.0.0.1", "port": self.port}

    def _pg_ctl(self, *args):
        subprocess.run(
            [
                *("runuser", "-u", "postgres", "--"),
                *(PG_BIN / "pg_ctl", "-D", self.data, *args),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        if self.started and (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "fast", "-w", "-t", "60")
        self.started = False


class Balancer:
    """nginx on 127.0.0.1:``port``, round robin over the nodes' HTTP ports, the
    websocket route to their gevent ports, as Odoo's deployment guide has it."""

    def __init__(self, root, port, nodes):
        self.root = Path(root) / "nginx"
        self.port = port
        self.nodes = nodes  # [(http port, gevent port)]
        self.process = None

    def start(self, timeout=30):
        self.root.mkdir(parents=True)
        conf = NGINX_CONF.format(
            root=self.root,
            port=self.port,
            http_servers="\n".join(
                f"        server 127.0.0.1:{http} max_fails=1 fail_timeout=10s;"
                for http, _gevent in self.nodes
            ),
            gevent_servers="\n".join(
                f"        server 127.0.0.1:{gevent};" for _http, gevent in self.nodes
            ),
        )
        (self.root / "nginx.conf").write_text(conf)
        # the workers run as Debian's www-data: their temporary files are here
        shutil.chown(self.root, "www-data", "www-data")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen(
            [nginx, "-p", str(self.root), "-c", str(self.root / "nginx.conf")],
            start_new_session=True,
        )
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}")
            if (self.root / "nginx.pid").exists():
                return
            time.sleep(0.2)
        raise RuntimeError("nginx did not start")

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def access_log(self):
        """[(time, method, path, status, [upstream addresses], upstream statuses)]"""
        entries = []
        path = self.root / "access.log"
        if not path.exists():
            return entries
        for line in path.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.match(line)
            if not match:
                continue
            at, method, uri, status, upstreams, statuses = match.groups()
            entries.append(
                (
                    float(at),
                    method,
                    uri,
                    int(status),
                    [u.strip() for u in upstreams.split(",") if u.strip()],
                    statuses,
                )
            )
        return entries

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
