#!/usr/bin/env python3
"""The sale-day fault suite (README, docs/reliability.md).

  python3 load-tool/fault-suite.py <app jar> <empty work folder> [--rate=30] [--hold=20] [--recover=40]

Starts the scaled-out topology on this machine, every part a process of its own: PostgreSQL, Redis, Kafka, the payment
provider simulator and two instances of the application (roles command, saga and query, profiles local, postgres,
beside). Buyers place mixed orders (three SKUs, one of them a small sale that sells out, one or two lines, one in ten
with a declined card) at --rate orders a second over both instances, as clients behind a load balancer do: a request
that finds its instance dead or overloaded is sent again to the other with the same Idempotency-Key. During the sale,
one fault at a time, each held --hold seconds and followed by --recover seconds: an instance killed (SIGKILL) and
started again, Redis paused (SIGSTOP), Kafka stopped, the provider slow (3 s, within the 5 s payment timeout), the
provider down, PostgreSQL restarted. Then the orders drain and the checks run against what the servers and the
provider hold: no oversell, no order lost, no double charge at the provider, no charge standing on a cancelled order,
every tok_ok order paid unless its stock ran out, gate and ledger in sync. Writes report.json and report.md in the
work folder; exits 1 when a check failed.
"""
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

PG_PORT, REDIS_PORT, KAFKA_PORT, KAFKA_CONTROLLER, PROVIDER_PORT = 15432, 16379, 29092, 29093, 18090
INSTANCES = [8080, 8081]
PROVIDER = "http://127.0.0.1:%d" % PROVIDER_PORT
PROVIDER_KEY = "sk_test_local"
SALE, FLOW = "FAULT-SALE", ["FAULT-FLOW-1", "FAULT-FLOW-2"]
SALE_STOCK, SALE_LIMIT, FLOW_STOCK = 300, 2, 1_000_000


def now():
    return time.time()


def stamp(t):
    return time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % int((t % 1) * 1000)


def http(method, url, body=None, headers=None, timeout=10):
    """(status, parsed JSON or None); status 0 when the server could not be reached."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw) if raw else None
        except ValueError:
            return error.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None


class Processes:
    """The topology's processes, each with its log in the work folder."""

    def __init__(self, jar, folder):
        self.jar, self.folder, self.running = jar, folder, {}

    def start(self, name, args, heap="512m"):
        log = open(os.path.join(self.folder, name + ".log"), "a")
        process = subprocess.Popen(["java", "-Xmx" + heap, "-jar", self.jar] + args, cwd=self.folder, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.running[name] = process
        return process

    def kill(self, name, sig=signal.SIGKILL):
        """Sends sig to the process and its children; SIGKILL if they are not gone within a minute."""
        process = self.running.pop(name)
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    def stop_all(self):
        for name in list(self.running):
            try:
                # PostgreSQL's fast shutdown (SIGINT); the others stop on SIGTERM.
                self.kill(name, signal.SIGINT if name == "postgres" else signal.SIGTERM)
            except Exception as e:
                print("could not stop %s: %s" % (name, e), file=sys.stderr)


def wait_until(condition, seconds, what):
    until = now() + seconds
    while now() < until:
        if condition():
            return
        time.sleep(0.5)
    raise RuntimeError("timed out waiting for " + what)


def port_open(port):
    import socket
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Topology:

    def __init__(self, jar, folder):
        self.p = Processes(jar, folder)
        self.folder = folder

    def start_postgres(self):
        log = os.path.join(self.folder, "postgres.log")
        seen = os.path.getsize(log) if os.path.exists(log) else 0
        self.p.start("postgres", ["postgres", "--port=%d" % PG_PORT], heap="128m")

        def listening():
            with open(log) as lines:
                lines.seek(seen)
                return "PostgreSQL listening" in lines.read()
        wait_until(listening, 120, "PostgreSQL")

    def start_redis(self):
        self.p.start("redis", ["redis", "--port=%d" % REDIS_PORT, "--pid-file=" + self.redis_pid_file()], heap="64m")
        wait_until(lambda: port_open(REDIS_PORT), 60, "Redis")

    def redis_pid_file(self):
        return os.path.join(self.folder, "redis.pid")

    def start_kafka(self):
        self.p.start("kafka", ["kafka", "--port=%d" % KAFKA_PORT, "--controller-port=%d" % KAFKA_CONTROLLER,
                               "--log-dir=" + os.path.join(self.folder, "kafka")])
        wait_until(lambda: port_open(KAFKA_PORT), 120, "Kafka")

    def start_provider(self):
        self.p.start("provider", ["payment-provider", "--port=%d" % PROVIDER_PORT,
                                  "--data-dir=" + os.path.join(self.folder, "provider")], heap="256m")
        wait_until(lambda: http("GET", PROVIDER + "/v1/simulator",
                                headers={"Authorization": "Bearer " + PROVIDER_KEY})[0] == 200, 60, "the provider")

    def start_instance(self, port):
        self.p.start("app-%d" % port, ["--spring.profiles.active=local,postgres,beside", "--server.port=%d" % port,
                                       "--orders.redis.address=redis://127.0.0.1:%d" % REDIS_PORT,
                                       "--axon.kafka.bootstrap-servers=127.0.0.1:%d" % KAFKA_PORT,
                                       "--orders.payment.provider.url=" + PROVIDER,
                                       # A dead placement's gate units come back after 30 s here (2 min by default).
                                       "--orders.gate.heal-after=30s", "--orders.gate.heal-every=5s"], heap="768m")

    def await_instance(self, port):
        wait_until(lambda: http("GET", "http://127.0.0.1:%d/actuator/health/readiness" % port)[0] == 200, 240,
                   "instance %d" % port)


class Buyers:
    """Clients behind a load balancer: each placement goes to one instance, and again, with the same key, to the
    other while the answer is a connection error, a 5xx or 429, or the key still in flight (up to two minutes)."""

    def __init__(self, admin, rate, threads=12):
        self.admin, self.rate, self.threads = admin, rate, threads
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.accepted, self.refused, self.gave_up, self.retries = {}, {}, [], {}
        self.tokens = {}

    def token(self, user):
        if user not in self.tokens:
            for port in INSTANCES * 30:
                status, body = http("POST", "http://127.0.0.1:%d/api/dev/tokens" % port,
                                    {"userId": user, "roles": ["CUSTOMER"]})
                if status == 200:
                    self.tokens[user] = body["token"]
                    break
                time.sleep(1)
        return self.tokens[user]

    def order(self):
        skus = [SALE] if random.random() < 0.3 else []
        skus += random.sample(FLOW, 1 if skus or random.random() < 0.5 else 2)
        return {"items": [{"sku": sku, "quantity": 1} for sku in skus],
                "paymentMethod": "tok_declined" if random.random() < 0.1 else "tok_ok"}

    def place(self, worker):
        user = "fault-buyer-%d" % random.randrange(400)
        body, key = self.order(), str(uuid.uuid4())
        target = worker % len(INSTANCES)
        give_up = now() + 120
        while now() < give_up:
            port = INSTANCES[target]
            status, answer = http("POST", "http://127.0.0.1:%d/api/orders" % port, body,
                                  {"Authorization": "Bearer " + self.token(user), "Idempotency-Key": key})
            code = (answer or {}).get("code", "")
            if status == 202:
                with self.lock:
                    self.accepted[answer["orderId"]] = body["paymentMethod"]
                return
            if status == 409 and code in ("SOLD_OUT", "LIMIT_EXCEEDED"):
                with self.lock:
                    self.refused[code] = self.refused.get(code, 0) + 1
                return
            with self.lock:
                why = str(status) + (" " + code if code else "")
                self.retries[why] = self.retries.get(why, 0) + 1
            if status != 0 and status < 500 and status not in (409, 429):
                with self.lock:
                    self.gave_up.append("%s %s %s" % (status, code, answer))
                return
            target = (target + 1) % len(INSTANCES)
            time.sleep(0.2 if status == 0 else 0.5)
        with self.lock:
            self.gave_up.append("no answer within 120 s for key " + key)

    def run(self):
        def worker(number):
            interval = self.threads / self.rate
            next_at = now() + random.random() * interval
            while not self.stop.is_set():
                time.sleep(max(0.0, next_at - now()))
                next_at += interval
                self.place(number)
        self.workers = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(self.threads)]
        for w in self.workers:
            w.start()

    def finish(self):
        self.stop.set()
        for w in self.workers:
            w.join(timeout=180)


def admin_get(port, path, admin):
    return http("GET", "http://127.0.0.1:%d%s" % (port, path), headers={"Authorization": "Bearer " + admin})


def pending(admin):
    for port in INSTANCES:
        status, summary = admin_get(port, "/api/dashboard/summary", admin)
        if status == 200:
            return summary["ordersByStatus"].get("PENDING", 0)
    return None


def every_order(admin):
    orders, page = {}, 0
    while True:
        status, body = admin_get(INSTANCES[0], "/api/orders?size=100&page=%d" % page, admin)
        if status != 200:
            raise RuntimeError("cannot list orders: %s %s" % (status, body))
        for order in body["items"]:
            orders[order["orderId"]] = order
        page += 1
        if page >= body["totalPages"]:
            return orders


def provider_intents():
    intents, after = [], None
    while True:
        url = PROVIDER + "/v1/payment_intents?limit=1000" + ("&starting_after=" + after if after else "&created_gte=0")
        status, body = http("GET", url, headers={"Authorization": "Bearer " + PROVIDER_KEY})
        if status != 200:
            raise RuntimeError("cannot list the provider's intents: %s" % status)
        intents += body["data"]
        if len(body["data"]) < 1000:
            return intents
        after = body["data"][-1]["id"]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--"))
    if len(args) != 2:
        print(__doc__)
        sys.exit(2)
    jar, folder = os.path.abspath(args[0]), os.path.abspath(args[1])
    rate, hold, recover = float(options.get("rate", 30)), float(options.get("hold", 20)), float(
        options.get("recover", 40))
    if os.path.exists(folder) and os.listdir(folder):
        sys.exit(folder + " is not empty")
    os.makedirs(folder, exist_ok=True)
    top = Topology(jar, folder)
    faults, checks = [], []
    try:
        top.start_postgres()
        top.start_redis()
        top.start_kafka()
        top.start_provider()
        for port in INSTANCES:
            top.start_instance(port)
        for port in INSTANCES:
            top.await_instance(port)
        status, body = http("POST", "http://127.0.0.1:%d/api/dev/tokens" % INSTANCES[0],
                            {"userId": "fault-ops", "roles": ["ADMIN"]})
        admin = body["token"]
        for sku, stock, limit in [(SALE, SALE_STOCK, SALE_LIMIT)] + [(sku, FLOW_STOCK, 0) for sku in FLOW]:
            status, _ = http("PUT", "http://127.0.0.1:%d/api/admin/products/%s" % (INSTANCES[0], sku),
                             {"name": sku, "priceCents": 1500, "currency": "EUR", "stock": stock, "perUserLimit": limit},
                             {"Authorization": "Bearer " + admin})
            if status // 100 != 2:
                raise RuntimeError("defining %s failed: %s" % (sku, status))
        buyers = Buyers(admin, rate)
        print("%s sale starts at %.0f orders/s over %s" % (stamp(now()), rate, INSTANCES), flush=True)
        buyers.run()
        time.sleep(recover)

        def provider_mode(mode, latency=None):
            behaviour = {"mode": mode}
            if latency:
                behaviour["latency_ms"] = latency
            http("PUT", PROVIDER + "/v1/simulator", behaviour, {"Authorization": "Bearer " + PROVIDER_KEY})

        def redis_pid():
            return int(open(top.redis_pid_file()).read().strip())

        def restart_instance():
            top.start_instance(INSTANCES[1])
            top.await_instance(INSTANCES[1])

        plan = [
            ("instance %d killed (SIGKILL), then started again" % INSTANCES[1],
             lambda: top.p.kill("app-%d" % INSTANCES[1]), restart_instance),
            ("Redis paused (SIGSTOP), then resumed", lambda: os.kill(redis_pid(), signal.SIGSTOP),
             lambda: os.kill(redis_pid(), signal.SIGCONT)),
            ("Kafka stopped (SIGKILL), then started again", lambda: top.p.kill("kafka"), top.start_kafka),
            ("provider slow (3 s an answer), then normal", lambda: provider_mode("SLOW", 3000),
             lambda: provider_mode("UP")),
            ("provider down (503), then up", lambda: provider_mode("DOWN"), lambda: provider_mode("UP")),
            ("PostgreSQL stopped (fast shutdown), then started again", lambda: top.p.kill("postgres", signal.SIGINT),
             top.start_postgres),
        ]
        for name, begin, end in plan:
            before = pending(admin)
            started = now()
            print("%s fault: %s" % (stamp(started), name), flush=True)
            begin()
            time.sleep(hold)
            end()
            ended = now()
            print("%s fault over" % stamp(ended), flush=True)
            drained = None
            while now() < ended + recover:
                count = pending(admin)
                if drained is None and count is not None and before is not None and count <= max(before * 2, 40):
                    drained = now() - ended
                time.sleep(1)
            faults.append({"fault": name, "start": stamp(started), "end": stamp(ended),
                           "pendingBefore": before, "backlogDrainedSeconds": None if drained is None else round(
                    drained, 1)})
        buyers.finish()
        print("%s sale over: %d accepted, refused %s, retried %s, given up %d" % (
            stamp(now()), len(buyers.accepted), buyers.refused, buyers.retries, len(buyers.gave_up)), flush=True)

        drain_started = now()
        wait_until(lambda: pending(admin) == 0, 600, "every order to end")
        final_drain = now() - drain_started
        sync_started = now()
        try:
            wait_until(lambda: all(row["inSync"] for row in admin_get(INSTANCES[0], "/api/admin/gate/reconciliation",
                                                                        admin)[1]), 180, "the gate in sync")
        except RuntimeError:
            pass

        orders = every_order(admin)
        intents = provider_intents()
        by_order = {}
        for intent in intents:
            by_order.setdefault(intent["order_id"], []).append(intent)

        def standing(order_id):
            return [i for i in by_order.get(order_id, []) if i["status"] == "succeeded"
                    and i["amount_refunded"] < i["amount"]]

        def check(name, failures, detail=""):
            checks.append({"check": name, "passed": not failures, "failures": failures[:20],
                           "failed": len(failures), "detail": detail})

        sold = {}
        for sku in [SALE] + FLOW:
            status, product = admin_get(INSTANCES[0], "/api/products/" + sku, admin)
            sold[sku] = product
        paid_units = {sku: 0 for sku in [SALE] + FLOW}
        for order in orders.values():
            if order["status"] == "PAID":
                for line in order["items"]:
                    paid_units[line["sku"]] += line["quantity"]
        check("no oversell: the sale's SKU sold at most its stock, and exactly what paid orders hold",
              [] if sold[SALE]["sold"] <= SALE_STOCK and all(sold[s]["sold"] == paid_units[s] for s in sold)
              else ["%s: sold %s, paid orders hold %s" % (s, sold[s]["sold"], paid_units[s]) for s in sold],
              "sale sold %s of %d" % (sold[SALE]["sold"], SALE_STOCK))
        check("no order lost: every accepted order exists and ended",
              [o for o in buyers.accepted if o not in orders or orders[o]["status"] == "PENDING"],
              "%d accepted, %d orders on the servers" % (len(buyers.accepted), len(orders)))
        check("no order left pending", [o for o, v in orders.items() if v["status"] == "PENDING"])
        check("no double charge at the provider",
              [o for o in orders if len(standing(o)) > 1])
        check("every paid order charged once at the provider",
              [o for o, v in orders.items() if v["status"] == "PAID" and len(standing(o)) != 1])
        check("no charge standing on a cancelled order",
              [o for o, v in orders.items() if v["status"] == "CANCELLED" and standing(o)])
        check("every tok_ok order paid unless its stock ran out",
              [o for o, method in buyers.accepted.items() if method == "tok_ok" and o in orders
               and orders[o]["status"] != "PAID" and orders[o].get("cancelReason") not in (
                   "OUT_OF_STOCK", "LIMIT_EXCEEDED")])
        status, gate = admin_get(INSTANCES[0], "/api/admin/gate/reconciliation", admin)
        check("gate and ledger in sync", [row["sku"] for row in gate if not row["inSync"]],
              "after %.0f s" % (now() - sync_started))
        check("no buyer gave up", buyers.gave_up)
        status, reconciliation = http("POST", "http://127.0.0.1:%d/api/admin/payments/reconciliation" % INSTANCES[0],
                                      {}, {"Authorization": "Bearer " + admin})
        check("reconciliation finds nothing", (reconciliation or {}).get("findings", ["no report: %s" % status]),
              "%s charges checked" % (reconciliation or {}).get("chargesChecked"))
        report = {"rate": rate, "hold": hold, "recover": recover, "faults": faults, "checks": checks,
                  "accepted": len(buyers.accepted), "refused": buyers.refused, "retriedAnswers": buyers.retries,
                  "orders": len(orders), "paid": sum(1 for o in orders.values() if o["status"] == "PAID"),
                  "finalDrainSeconds": round(final_drain, 1)}
    finally:
        top.p.stop_all()
    with open(os.path.join(folder, "report.json"), "w") as out:
        json.dump(report, out, indent=2)
    with open(os.path.join(folder, "report.md"), "w") as out:
        out.write("| fault | start | end | pending before | backlog drained after (s) |\n|---|---|---|---|---|\n")
        for f in faults:
            out.write("| %s | %s | %s | %s | %s |\n" % (f["fault"], f["start"], f["end"], f["pendingBefore"],
                                                      f["backlogDrainedSeconds"]))
        out.write("\n| check | result | detail |\n|---|---|---|\n")
        for c in checks:
            out.write("| %s | %s | %s |\n" % (c["check"], "PASS" if c["passed"] else "FAIL (%d)" % c["failed"],
                                             c["detail"]))
        out.write("\n%d accepted, %d orders, %d paid; refused %s; answers retried %s; drained %.0f s after the sale\n"
                  % (report["accepted"], report["orders"], report["paid"], report["refused"],
                     report["retriedAnswers"], report["finalDrainSeconds"]))
    print(open(os.path.join(folder, "report.md")).read())
    sys.exit(0 if all(c["passed"] for c in checks) else 1)


if __name__ == "__main__":
    main()
