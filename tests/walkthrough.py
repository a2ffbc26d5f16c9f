"""Following a user-guide page as its reader does: the marked code blocks, run in order.

Which code blocks run is marked in the page source with an HTML comment on the line right before the fence
(see tests/test_guide.py for the markers). `reader_env` is what every walk-through assumes of the reader's
computer: a HOME of their own (so `git config --global` writes there), `wenming` and `python3` on PATH being
the interpreter running the tests, and none of the WENMING_/GIT_ settings of the shell that runs pytest.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from helpers import ROOT, free_port

GUIDE = ROOT / "site_src" / "guide"

MARKER = re.compile(r"^<!-- test(?::\s*(?P<directive>.*?))?\s*-->\n```(?P<lang>[\w-]*)[^\n]*\n(?P<code>.*?)^```$",
                    re.M | re.S)
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<code>.*?)^```$", re.M | re.S)
SHELL = ("sh", "bash")


@dataclass(frozen=True)
class Block:
    directive: str
    """`""` (run it), `output`, `file PATH` or `serve`."""
    lang: str
    code: str
    line: int
    """The line of its opening fence."""


def marked_blocks(page: str) -> list[Block]:
    text = (GUIDE / page).read_text(encoding="utf-8")
    return [Block((m["directive"] or "").strip(), m["lang"], m["code"], text.count("\n", 0, m.start()) + 2)
            for m in MARKER.finditer(text)]


class Reader:
    """Runs a page's marked blocks in order, as the reader would."""

    def __init__(self, project: Path, env: dict[str, str], on_serve=None):
        self.project, self.env, self.on_serve = project, env, on_serve
        self.output = ""
        self.served: list[str] = []

    def follow(self, page: str) -> None:
        for block in marked_blocks(page):
            self.follow_block(block, f"{page}:{block.line}")

    def follow_block(self, block: Block, where: str) -> None:
        if block.directive == "":
            assert block.lang in SHELL, f"{where}: only sh/bash blocks run"
            self.run(block.code, where)
        elif block.directive == "output":
            self.expect_output(block.code, where)
        elif block.directive.startswith("file "):
            self.write(block.directive[5:].strip(), block.code, where)
        elif block.directive == "serve":
            self.serve(block.code, where)
        else:
            raise AssertionError(f"{where}: unknown test marker {block.directive!r}")

    def run(self, code: str, where: str) -> None:
        done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", code], cwd=self.project,
                              env=self.env, capture_output=True, text=True, encoding="utf-8", timeout=900)
        self.output = done.stdout + done.stderr
        assert done.returncode == 0, f"{where}: exit {done.returncode}\n{code}\n{self.output}"
        assert "Traceback" not in self.output, f"{where}:\n{self.output}"

    def expect_output(self, text: str, where: str) -> None:
        for line in filter(None, (line.strip() for line in text.splitlines())):
            for piece in filter(None, (p.strip() for p in line.split("……"))):
                assert piece in self.output, f"{where}: the command did not print {piece!r}; it printed:\n{self.output}"

    def write(self, path: str, text: str, where: str) -> None:
        target = self.project / path
        assert target.is_file(), f"{where}: {path} should exist by now (made by the commands above)"
        target.write_text(text, encoding="utf-8", newline="\n")

    def serve(self, code: str, where: str) -> None:
        command = code.strip()
        assert "\n" not in command and command.startswith("wenming serve"), f"{where}: one `wenming serve` line"
        port = free_port()
        log_path = self.project.parent / f"serve-{port}.log"
        with log_path.open("w", encoding="utf-8") as log:
            proc = subprocess.Popen(["bash", "-c", f"{command} -a 127.0.0.1:{port}"], cwd=self.project, env=self.env,
                                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                address = self._address(log_path, proc, where)
                self.served.append(address)
                if self.on_serve:
                    self.on_serve(address)
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(30)
        assert "Traceback" not in log_path.read_text(encoding="utf-8")

    @staticmethod
    def _address(log_path: Path, proc: subprocess.Popen, where: str, timeout: float = 240) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r"预览地址：(http://\S+)", log_path.read_text(encoding="utf-8"))
            if found:
                return found[1].rstrip("/") + "/"
            assert proc.poll() is None, f"{where}: the server stopped:\n{log_path.read_text(encoding='utf-8')}"
            time.sleep(0.2)
        raise AssertionError(f"{where}: no address printed in {timeout} s:\n{log_path.read_text(encoding='utf-8')}")


def reader_env(tmp: Path) -> dict[str, str]:
    """The reader's environment: HOME is `tmp/home`, `wenming` and `python3` in `tmp/bin`."""
    home, bin_dir = tmp / "home", tmp / "bin"
    home.mkdir(parents=True, exist_ok=True)
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    wrapper = bin_dir / "wenming"
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m wenming "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WENMING_", "GIT_")) and k != "SOURCE_DATE_EPOCH"}
    env.update(HOME=str(home), PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", GIT_CONFIG_NOSYSTEM="1",
               NO_MKDOCS_2_WARNING="true", PYTHONIOENCODING="utf-8", LANG="C.UTF-8")
    return env
