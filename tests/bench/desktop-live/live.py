#!/usr/bin/env python3
"""Smart Sonic's desktop figures on a live chain, for tests/bench/desktop (not a
benchmark by itself): idle CPU of the app's whole process tree while the watcher
follows an anvil that mines a block every second, and chat latency from Enter to the
confirmation card, the real app driven through tauri-driver with plain WebDriver calls
(with, for comparison, the same turns timed inside the page and by the engine alone,
`sonic daemon` answering over its socket).

Usage: live.py <workspace root> <result file>. Details go to stdout; the figures to
<result file> as JSON. Standard library only. BENCH_IDLE_S, BENCH_CHAT_N and
BENCH_BLOCK_TIME (0: no mining) change the run for a smoke test or a comparison; the
benchmark's figures use the defaults.
"""

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT, RESULT = sys.argv[1], sys.argv[2]
APP = os.path.join(ROOT, "target/debug/smart-sonic")
CLI = os.path.join(ROOT, "target/debug/sonic")
ANVIL = os.path.join(ROOT, "tools/bin/anvil")
MNEMONIC = "test test test test test test test test test test test junk"
PASSWORD = "correct horse 42"
OUTSIDER = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"
ACCOUNT0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
# The brief's figures; the environment may shorten them for a smoke run of this script.
SETTLE_S, IDLE_S = 10, int(os.environ.get("BENCH_IDLE_S", 60))
CHAT_N, CHAT_WARMUP = int(os.environ.get("BENCH_CHAT_N", 30)), 2
BLOCK_TIME = int(os.environ.get("BENCH_BLOCK_TIME", 1))
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def log(*a):
    print(*a, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rpc(url, method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)["result"]


def wait_for(what, ok, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if ok():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise SystemExit(f"live: timed out waiting for {what}")


def pct(xs, p):
    """The p-th percentile (nearest rank)."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(-(-p * len(xs) // 100)) - 1))]


def tree(root):
    """The pids of `root` and all its descendants."""
    children = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(pid))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def cpu_ticks(pids):
    """utime+stime of each pid, plus cutime+cstime (children already reaped)."""
    out = {}
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                rest = f.read().rsplit(")", 1)[1].split()
            out[p] = sum(int(x) for x in rest[11:15])
        except (OSError, ValueError, IndexError):
            pass
    return out


class Host:
    """One connection to an engine host, kept for several requests."""

    def __init__(self, data_dir):
        self.token = open(os.path.join(data_dir, "host.token")).read().strip()
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(60)
        self.sock.connect(os.path.join(data_dir, "host.sock"))
        self.file = self.sock.makefile("rb")
        self.id = 0

    def call(self, command, args):
        self.id += 1
        req = {"v": 1, "token": self.token, "id": self.id, "client": "bench", "command": command, "args": args}
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        reply = json.loads(self.file.readline())
        if "err" in reply:
            raise RuntimeError(f"{command}: {reply['err']}")
        return reply["ok"]

    def close(self):
        self.file.close()
        self.sock.close()


def engine_turns(work, rpc_url):
    """The engine's share of a chat turn, without any window: `sonic daemon` on the
    same data directory answers `agent_turn` over its socket (parse, plan, simulation
    on anvil), each plan cancelled. Milliseconds per turn, after the warm-up."""
    data = os.path.join(work, "data")
    proc = subprocess.Popen([CLI, "--data-dir", data, "daemon", "--no-signer"], env=app_env(work, rpc_url),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for("the daemon's host", lambda: Host(data).close() is None, 60)
        h = Host(data)
        h.call("wallet_unlock", {"password": PASSWORD})
        out = []
        for i in range(CHAT_WARMUP + CHAT_N):
            t = time.perf_counter()
            r = h.call("agent_turn", {"text": f"send 0.{i + 1:02d} S to {OUTSIDER}", "visible_plan": None})
            ms = (time.perf_counter() - t) * 1000
            if not r.get("plan"):
                raise SystemExit(f"live: no plan from the engine for message {i}: {r.get('text')}")
            h.call("plan_cancel", {"id": r["plan"]["id"]})
            if i >= CHAT_WARMUP:
                out.append(ms)
        h.close()
        return out
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def host_call(data_dir, command, args):
    """One request on the engine host serving `data_dir` (crates/host/src/wire.rs)."""
    h = Host(data_dir)
    try:
        return h.call(command, args)
    finally:
        h.close()


def app_env(work, rpc_url):
    env = dict(os.environ)
    env.update(SONIC_DATA_DIR=os.path.join(work, "data"), SONIC_NETWORK="local", SONIC_RPC=rpc_url,
               SONIC_INSECURE_KDF="true", HOME=work)
    return env


def idle_cpu(work, rpc_url):
    """The app started directly (no WebDriver), unlocked through its engine host, left
    on its first screen: CPU of its process tree over IDLE_S seconds."""
    data = os.path.join(work, "data")
    wrapper = 'echo $$ > "$1/app.pid"; exec "$0" > "$1/app.out" 2> "$1/app.err"'
    proc = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--", "bash", "-c", wrapper, APP, work],
        env=app_env(work, rpc_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for("the first paint", lambda: "SMART_SONIC_READY" in open(f"{work}/app.out").read(), 120)
        app = int(open(f"{work}/app.pid").read())
        wait_for("the engine host", lambda: os.path.exists(f"{data}/host.token"), 60)
        host_call(data, "wallet_unlock", {"password": PASSWORD})
        unlocked = host_call(data, "app_info", {})["unlocked"]
        log(f"idle: app pid {app}, unlocked through the host: {unlocked}")
        time.sleep(SETTLE_S)
        blocks0 = int(rpc(rpc_url, "eth_blockNumber", []), 16)
        pids0 = tree(app)
        t0, before = time.monotonic(), cpu_ticks(pids0)
        time.sleep(IDLE_S)
        pids1 = tree(app)
        t1, after = time.monotonic(), cpu_ticks(pids1)
        blocks1 = int(rpc(rpc_url, "eth_blockNumber", []), 16)
        hz = os.sysconf("SC_CLK_TCK")
        ticks, per = 0, {}
        for p, t in after.items():
            start = before.get(p, 0)
            ticks += t - start
            per[p] = t - start
        gone = set(before) - set(after)
        names = {}
        for p in per:
            try:
                names[p] = open(f"/proc/{p}/comm").read().strip()
            except OSError:
                names[p] = "?"
        cpu = ticks / hz / (t1 - t0) * 100
        log(f"idle: {len(pids1)} processes ({', '.join(f'{names[p]} {per[p]}' for p in sorted(per))} ticks at "
            f"{hz}/s), {len(gone)} gone during the window; {blocks1 - blocks0} blocks mined in {t1 - t0:.1f} s")
        # The watcher was following: a transfer to the wallet is indexed within seconds.
        tx = rpc(rpc_url, "eth_sendTransaction", [{"from": OUTSIDER, "to": ACCOUNT0, "value": hex(12345)}])
        seen = False
        end = time.monotonic() + 20
        while time.monotonic() < end and not seen:
            time.sleep(0.5)
            r = host_call(data, "history_filter", {"account": None, "asset": None, "direction": None,
                                                   "counterparty": None, "days": None, "limit": 5, "all": True})
            seen = any(x["hash"].lower() == tx.lower() for x in r["records"])
        log(f"idle: watcher check, a transfer sent after the window indexed: {seen}")
        err = open(f"{work}/app.err").read()
        if "watcher stopped" in err:
            log("idle: the app logged 'watcher stopped'")
        return cpu, seen
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Driver:
    """Plain W3C WebDriver over one keep-alive HTTP connection to tauri-driver."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.sid = None

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body)
        prefix = f"/session/{self.sid}" if self.sid else ""
        for attempt in range(2):
            try:
                self.conn.request(method, prefix + path, data, {"Content-Type": "application/json"})
                r = self.conn.getresponse()
                return r.status, json.loads(r.read() or b"null")
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise

    def start(self):
        caps = {"tauri:options": {"application": APP}}
        status, r = self.call("POST", "/session", {"capabilities": {"alwaysMatch": caps}, "desiredCapabilities": caps})
        if status != 200:
            raise RuntimeError(f"new session: {status} {r}")
        self.sid = r["value"]["sessionId"]

    def find(self, css):
        status, r = self.call("POST", "/element", {"using": "css selector", "value": css})
        if status != 200:
            return None
        v = r["value"]
        if not isinstance(v, dict) or ELEMENT not in v:
            raise RuntimeError(f"find {css}: unexpected answer {r}")
        return v[ELEMENT]

    def wait(self, css, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            e = self.find(css)
            if e:
                return e
            time.sleep(0.1)
        raise SystemExit(f"live: no element {css}")

    def keys(self, el, text):
        status, r = self.call("POST", f"/element/{el}/value", {"text": text})
        if status != 200:
            raise RuntimeError(f"send keys: {status} {r}")

    def click(self, css):
        status, r = self.call("POST", f"/element/{self.wait(css)}/click", {})
        if status != 200:
            raise RuntimeError(f"click {css}: {status} {r}")

    def script(self, js):
        status, r = self.call("POST", "/execute/sync", {"script": js, "args": []})
        return r["value"] if status == 200 else None

    def quit(self):
        if self.sid:
            self.call("DELETE", "")
            self.sid = None


# In-page timing, free of WebDriver round trips: the Enter keydown in the chat input to
# the card's amount in the DOM, and to the next frame after it (rAF, then a task: the
# frame with the card has been produced).
PROBE = """
window.__lat = []; window.__t0 = null; window.__i = -1;
document.addEventListener('keydown', e => {
  if (e.key === 'Enter' && e.target && e.target.id === 'chat-input') window.__t0 = performance.now();
}, true);
new MutationObserver(() => {
  if (window.__t0 === null || !document.getElementById('plan-amount')) return;
  const t0 = window.__t0, i = window.__i; window.__t0 = null;
  const dom = performance.now() - t0;
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => window.__lat.push([i, dom, performance.now() - t0]);
    ch.port2.postMessage(0);
  });
}).observe(document.body, {childList: true, subtree: true});
return true;
"""


def chat(work, rpc_url):
    """Chat latency through tauri-driver: CHAT_N sends, each card cancelled."""
    port, native = free_port(), free_port()
    proc = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--",
         os.path.join(ROOT, "tests/e2e/session.sh"), work, str(port), str(native)],
        env=app_env(work, rpc_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    d = Driver(port)
    try:
        wait_for("tauri-driver", lambda: d.call("GET", "/status")[0] == 200, 60)
        d.start()
        d.keys(d.wait("#unlock-password"), PASSWORD)
        d.click("#unlock-button")
        d.click("#tab-chat")
        inp = d.wait("#chat-input")
        probe = d.script(PROBE) is True
        # WebDriver's own cost: a find of an element already there.
        rtt = []
        for _ in range(20):
            t = time.perf_counter()
            d.find("#chat-input")
            rtt.append((time.perf_counter() - t) * 1000)
        raw, enter_rtt = [], []
        for i in range(CHAT_WARMUP + CHAT_N):
            amount = f"0.{i + 1:02d}"
            d.keys(inp, f"send {amount} S to {OUTSIDER}")
            if probe:
                d.script(f"window.__i = {i}; return true")
            t0 = time.perf_counter()
            d.keys(inp, "\ue007")
            t_enter = time.perf_counter()
            while not d.find("#plan-amount"):
                if time.perf_counter() - t0 > 30:
                    said = d.script("return document.getElementById('messages').innerText")
                    typed = d.script("return document.getElementById('chat-input').value")
                    raise SystemExit(f"live: no card for message {i}; input holds {typed!r}; chat: {said!r}")
            t1 = time.perf_counter()
            if i >= CHAT_WARMUP:
                raw.append((t1 - t0) * 1000)
                enter_rtt.append((t_enter - t0) * 1000)
            else:
                log(f"chat: warm-up message {i + 1}: {(t1 - t0) * 1000:.0f} ms (not counted)")
            d.click("#cancel-plan")
            end = time.monotonic() + 30
            while d.find("#plan-amount") and time.monotonic() < end:
                time.sleep(0.02)
        page = d.script("return window.__lat || []") if probe else []
        # [message, to the DOM, to the next frame] of each counted message timed.
        page = [p[1:] for p in (page or []) if p[0] >= CHAT_WARMUP]
        return raw, rtt, enter_rtt, page
    finally:
        try:
            d.quit()
        except Exception:
            pass
        try:
            pid = int(open(f"{work}/driver.pid").read())
            os.kill(pid, signal.SIGTERM)  # SIGTERM: tauri-driver stops WebKitWebDriver
        except (OSError, ValueError):
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    load = open("/proc/loadavg").read().split()[:3]
    log(f"live: load average {' '.join(load)} at the start")
    with tempfile.TemporaryDirectory() as work:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        mining = ["--block-time", str(BLOCK_TIME)] if BLOCK_TIME else []
        anvil = subprocess.Popen([ANVIL, "--port", str(port), *mining, "--silent"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for("anvil", lambda: rpc(url, "eth_chainId", []), 30)
            with open(f"{work}/pw", "w") as f:
                f.write(PASSWORD)
            with open(f"{work}/mn", "w") as f:
                f.write(MNEMONIC)
            subprocess.run([CLI, "--data-dir", f"{work}/data", "--password-file", f"{work}/pw", "--network", "local",
                            "--rpc", url, "wallet", "import", "--mnemonic-file", f"{work}/mn"],
                           env=app_env(work, url), check=True, stdout=subprocess.DEVNULL)
            engine = engine_turns(work, url)
            cpu, followed = idle_cpu(work, url)
            log(f"live: load average {open('/proc/loadavg').read().split()[0]} after the idle window")
            raw, rtt, enter_rtt, page = chat(work, url)
        finally:
            anvil.terminate()
            anvil.wait()
    over = statistics.median(rtt)
    log(f"chat: webdriver find round trip (element present) median {over:.1f} ms, p95 {pct(rtt, 95):.1f} ms; "
        f"enter send-keys round trip median {statistics.median(enter_rtt):.1f} ms")
    log(f"chat: raw Enter->#plan-amount found, n={len(raw)}: median {statistics.median(raw):.0f} ms, "
        f"p95 {pct(raw, 95):.0f} ms, max {max(raw):.0f} ms")
    log(f"chat: raw minus one find round trip: p95 {pct(raw, 95) - over:.0f} ms")
    log(f"chat: engine alone (sonic daemon, agent_turn over its socket, no window), n={len(engine)}: "
        f"median {statistics.median(engine):.0f} ms, p95 {pct(engine, 95):.0f} ms")
    if page:
        dom = [p[0] for p in page]
        frame = [p[1] for p in page]
        log(f"chat: in page, keydown->card in DOM, n={len(dom)}: median {statistics.median(dom):.0f} ms, "
            f"p95 {pct(dom, 95):.0f} ms; keydown->next frame: median {statistics.median(frame):.0f} ms, "
            f"p95 {pct(frame, 95):.0f} ms")
        if len(frame) == len(raw):
            gap = [r - f for r, f in zip(raw, frame)]
            log(f"chat: WebDriver's share of each raw figure (raw minus in-page to next frame): "
                f"median {statistics.median(gap):.0f} ms, min {min(gap):.0f} ms, max {max(gap):.0f} ms")
        log("chat: the last line's chat p95 is the in-page keydown->next frame figure")
    else:
        log("chat: in-page timing unavailable (script execution refused); the last line's chat p95 is the raw one")
    load = open("/proc/loadavg").read().split()[:3]
    log(f"live: load average {' '.join(load)} at the end")
    with open(RESULT, "w") as f:
        # The last line's chat figure: Enter to the card drawn, timed inside the page
        # (keydown to the frame after the card), free of WebDriver's round trips, which
        # vary between 2 and 45 ms; the raw WebDriver figure when the page could not be
        # timed.
        drawn = pct([p[1] for p in page], 95) if page else None
        json.dump({"idle_cpu": cpu, "engine_p95": pct(engine, 95), "watcher_followed": followed,
                   "chat_p95": drawn if drawn is not None else pct(raw, 95), "chat_raw_p95": pct(raw, 95),
                   "chat_p95_minus_rtt": pct(raw, 95) - over}, f)


if __name__ == "__main__":
    main()
