"""A small Chrome DevTools Protocol client for tests: real headless Chromium, one page, its console.

    with Browser.launch(tmp_path) as browser:
        page = browser.open(Path("report.html"))
        page.evaluate("document.title")
        page.errors  # console errors, uncaught exceptions, CSP and network errors
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
    "--remote-debugging-port=0", "--window-size=1280,900",
)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class CDPError(RuntimeError):
    pass


@dataclass
class Page:
    """One page target, driven over the browser's socket with its session id."""

    browser: Browser
    session: str
    events: list[dict[str, Any]] = field(default_factory=list)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, session=self.session, **params)

    def evaluate(self, expression: str) -> Any:
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise CDPError(f"evaluate failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (press and release) at the centre of the first element matching `selector`."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP violations, failed loads)."""
        self.browser.drain()
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console.error: " + " ".join(str(a.get("value")) for a in params.get("args", [])))
            elif event["method"] == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')}")
        return found

    @property
    def console_messages(self) -> list[str]:
        self.browser.drain()
        return [" ".join(str(arg.get("value")) for arg in event["params"].get("args", []))
                for event in self.events if event["method"] == "Runtime.consoleAPICalled"]


class Browser:
    """A headless Chromium process with a fresh profile, spoken to over its DevTools websocket."""

    def __init__(self, process: subprocess.Popen, socket: websocket.WebSocket) -> None:
        self.process = process
        self.socket = socket
        self.pages: dict[str, Page] = {}
        self._next_id = 0

    @classmethod
    def launch(cls, profile_dir: Path, timeout: float = 30.0) -> Browser:
        executable = chromium_path()
        if executable is None:
            raise CDPError("chromium is not installed")
        profile_dir.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen([executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise CDPError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=timeout, suppress_origin=True)
        return cls(process, socket)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _receive(self) -> dict[str, Any]:
        reply = json.loads(self.socket.recv())
        if "method" in reply and reply.get("sessionId") in self.pages:
            self.pages[reply["sessionId"]].events.append(reply)
        return reply

    def drain(self, quiet: float = 0.2) -> None:
        """Collect events that arrive until the socket has been quiet for `quiet` seconds."""
        self.socket.settimeout(quiet)
        try:
            while True:
                self._receive()
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.socket.settimeout(30)

    def open(self, file: Path, timeout: float = 30.0) -> Page:
        """A new page showing `file`, returned once its load event has fired."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session)
        self.pages[session] = page
        for domain in ("Runtime.enable", "Log.enable", "Page.enable"):
            page.send(domain)
        page.send("Page.navigate", url=file.resolve().as_uri())
        deadline = time.monotonic() + timeout
        while not any(event["method"] == "Page.loadEventFired" for event in page.events):
            if time.monotonic() > deadline:
                raise CDPError(f"{file} did not finish loading")
            self.drain(0.1)
        return page
