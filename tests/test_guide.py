"""The user guide's commands, typed as a reader types them (the reader itself is in tests/walkthrough.py).

Which code blocks run is marked in the page source with an HTML comment on the line right before the fence
(comments do not show on the site):

- `<!-- test -->` before a ```sh / ```bash block: the block runs as one bash script (`set -e -o pipefail`)
  in the project folder; it must exit 0 and print no traceback.
- `<!-- test: output -->` before a ```text block: each of its lines appears in what the last `<!-- test -->`
  block printed (`……` in a line stands for any text).
- `<!-- test: file PATH -->` before a block: the finished record the page shows. The file PATH, which the
  commands before it must have made, is replaced with the block's text, as the reader does in an editor.
- `<!-- test: serve -->` before a one-line ```sh block (`wenming serve`): the command runs in the background
  with `-a 127.0.0.1:PORT` (a free port) appended; the test waits for the address it prints
  (`预览地址：http://…`) and reads pages from there, then stops it.

On the pages in WALKTHROUGHS every ```sh / ```bash block must carry a marker, so a command added to one of
them without being run here fails `test_every_command_block_is_run`.

Where they run: a temp copy of the project (mkdocs.yml, hooks/, site_src/, schemas/ and the sample data/)
made into a git repository with one commit, so the commands need no `--data`: the copy's data/ is the
default, exactly as in the reader's project folder. HOME is a temp folder holding what the page assumes
the reader has (photos in ~/照片/文明交通/, a scan in ~/下载/), so `git config --global` writes there;
`wenming` on PATH is `python3 -m wenming` of the interpreter running the tests.

The server examples shipped in site_src/guide/examples/ are shown whole on deploy.md (checked here) and run
for real on a pretend server (/srv/wenming/ is a temp folder, the git server a temp repository with the small
fixture data): publish.sh builds, skips when nothing is new, keeps the old site when the data has errors;
the GitLab CI jobs and the Gitea Actions steps run `wenming check` before `wenming build` and publish; the
nginx server block passes `nginx -t` without warnings and serves a built site with the promised headers
(where nginx is installed; the deploy steps where rsync is).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from helpers import FIXTURES, ROOT, article, build, free_port, http_get
from walkthrough import FENCE, GUIDE, SHELL, Reader, marked_blocks, reader_env
from wenming.api import load_dataset
from wenming.site.pages import activity_uri, month_uri, period_uri, photo_thumb_uri, photo_uri

EXAMPLES = GUIDE / "examples"
WALKTHROUGHS = ("activity.md", "cycle.md")
"""Pages whose every shell block is run (deploy.md runs its marked blocks; the rest of it is for the server)."""
PAGES = sorted(p.name for p in GUIDE.glob("*.md"))

TITLE = "文明交通志愿服务"
READER_FILES = {  # what activity.md assumes the reader has: HOME-relative path → a sample file to copy
    "照片/文明交通/IMG_2041.jpg": "data/2018/activities/2018-03-06-第一期道德讲堂/01.jpg",
    "照片/文明交通/IMG_2043.jpg": "data/2018/activities/2018-03-06-第一期道德讲堂/02.jpg",
    "照片/文明交通/IMG_2050.jpg": "data/2018/activities/2018-03-06-第一期道德讲堂/03.jpg",
    "下载/文明交通志愿服务活动方案.pdf": "data/2018/documents/2018-03-22-学雷锋志愿服务活动方案.pdf",
}


# -- the reader's project --------------------------------------------------------------------

def _git(project: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def make_project(tmp: Path, data: Path = ROOT / "data") -> tuple[Path, dict[str, str]]:
    """A copy of the project (with `data` as its data/) as a git repository, a HOME with the reader's files
    and `wenming` on PATH."""
    project, home = tmp / "project", tmp / "home"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("hooks", "site_src", "schemas"):
        shutil.copytree(ROOT / name, project / name, ignore=ignore)
    shutil.copytree(data, project / "data", ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")  # build/, .cache/ (processed photos) …
    for target, source in READER_FILES.items():
        (home / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, home / target)
    env = reader_env(tmp)
    _git(project, "-c", "init.defaultBranch=main", "init", "-q", env=env)
    _git(project, "add", "-A", env=env)
    _git(project, "-c", "user.name=示例", "-c", "user.email=sample@example.com", "commit", "-q", "-m", "示例数据",
         env=env)
    return project, env


def _wait(url: str, ok, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        body = http_get(url)
        if body is not None and ok(body):
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed what was expected; last body:\n{(body or '')[:2000]}")


def _listed(html: str) -> dict[str, tuple[str, str]]:
    """A month page's activities: title → (its thumbnail's src, the photo it links to); ("", "") without one."""
    soup = BeautifulSoup(html, "html.parser").select_one("article")
    out = {}
    for box in soup.select(".wm-activity"):
        img = box.select_one("img")
        link = img.find_parent("a") if img else None
        out[box.select_one("h3").get_text(strip=True)] = (img["src"] if img else "", link["href"] if link else "")
    return out


# -- activity.md ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """activity.md followed from the first command to the last; what the preview server showed."""
    tmp = tmp_path_factory.mktemp("guide-activity")
    project, env = make_project(tmp)
    seen: dict[str, str] = {}

    def look(address: str) -> None:
        """As the page says: the tab 其他年度 (2018 when the latest year is 2019), then 月度活动, then 2018年10月."""
        home = _wait(address + "index.html", lambda body: "其他年度" in body)
        tab = next(a["href"] for a in BeautifulSoup(home, "html.parser").select(".md-tabs a")
                   if a.get_text(strip=True) == "其他年度")
        year = urllib.parse.urljoin(address, tab)
        links = BeautifulSoup(_wait(year, lambda body: "月度活动" in body), "html.parser").select("article a")
        months = urllib.parse.urljoin(year, next(a["href"] for a in links if a.get_text(strip=True) == "月度活动"))
        links = BeautifulSoup(_wait(months, lambda body: "2018年10月" in body), "html.parser").select("article a")
        month = urllib.parse.urljoin(months, next(a["href"] for a in links if a.get_text(strip=True) == "2018年10月"))
        assert month == address + "2018/months/10.html"
        seen["month"] = _wait(month, lambda body: TITLE in body)

    reader = Reader(project, env, on_serve=look)
    reader.follow("activity.md")
    assert reader.served, "activity.md has no `wenming serve` step"
    return project, env, seen, tmp


def _activity(data: Path):
    dataset = load_dataset(data, "data")
    assert [p.format() for p in dataset.problems if p.is_error] == []
    year = next(y for y in dataset.years if y.year == 2018)
    return dataset, next(a for a in year.activities if a.title == TITLE)


def test_preview_shows_the_new_activity_with_its_photo(walked):
    project, _, seen, _ = walked
    _, activity = _activity(project / "data")
    thumb, photo = _listed(seen["month"])[TITLE]
    assert thumb.endswith(photo_thumb_uri(activity, 0)) and photo.endswith(photo_uri(activity, 0))


def test_everything_is_committed(walked):
    project, env, _, _ = walked
    assert _git(project, "status", "--porcelain", "--", "data", env=env) == ""
    log = _git(project, "log", "--format=%an <%ae> %s", env=env).splitlines()
    assert log[:4] == ["张三 <zhangsan@example.com> 2020年度实施方案",
                       "张三 <zhangsan@example.com> 材料：文明交通志愿服务活动方案",
                       "张三 <zhangsan@example.com> 善行义举：郑某某",
                       "张三 <zhangsan@example.com> 活动：文明交通志愿服务"]
    committed = _git(project, "ls-files", "-z", "data/2018/activities/2018-10-11-文明交通志愿服务", env=env)
    assert sorted(Path(p).name for p in committed.split("\0") if p) == ["IMG_2041.jpg", "IMG_2043.jpg", "IMG_2050.jpg"]


@pytest.fixture(scope="module")
def walked_site(walked):
    project, _, _, tmp = walked
    return build(project / "data", tmp / "site", "2018-12-31")


def test_built_month_page_lists_the_activity_and_its_photo(walked, walked_site):
    project = walked[0]
    dataset, activity = _activity(project / "data")
    month = walked_site / month_uri(2018, 10).replace(".md", ".html")
    listed = _listed(month.read_text(encoding="utf-8"))
    assert list(listed)[0] == TITLE  # 10-11, before the sample's 10-17 and 10-26
    thumb, photo = listed[TITLE]
    assert thumb.endswith(photo_thumb_uri(activity, 0)) and photo.endswith(photo_uri(activity, 0))
    original = Image.open(project.parent / "home" / "照片/文明交通/IMG_2041.jpg")
    with Image.open(month.parent / photo) as published, Image.open(month.parent / thumb) as small:
        assert published.size == original.size  # the first photo listed, published whole
        assert max(small.size) <= max(original.size)


def test_built_activity_page_has_the_brief_and_every_photo(walked, walked_site):
    project = walked[0]
    _, activity = _activity(project / "data")
    page = article(walked_site, activity_uri(activity).replace(".md", ".html"))
    assert page.h1.get_text(strip=True) == TITLE
    text = page.get_text(" ", strip=True)
    assert "人民路与中州路交叉口" in text and "青年志愿者在路口劝导行人遵守交通信号" in text
    assert "【" not in text  # the outline's hints were replaced
    links = [a["href"] for a in page.select("a") if a.select_one("img")]
    assert [i for i in range(3) if not any(h.endswith(photo_uri(activity, i)) for h in links)] == []


def test_built_site_has_the_honor_and_the_document(walked, walked_site):
    project = walked[0]
    dataset = load_dataset(project / "data", "data")
    year = next(y for y in dataset.years if y.year == 2018)
    honor = next(h for h in year.honors if h.name == "郑某某")
    assert honor.on_board
    board = article(walked_site, period_uri(honor.period).replace(".md", ".html")).get_text(" ", strip=True)
    assert "郑某某" in board and "孤寡老人" in board
    documents = article(walked_site, "2018/documents/index.html").get_text(" ", strip=True)
    assert "文明交通志愿服务活动方案" in documents
    assert any(y.year == 2020 for y in dataset.years)


# -- cycle.md --------------------------------------------------------------------------------

def _plan_document(target: Path, year: int) -> None:
    """The unit's plan for `year` as it arrives: the sample's Word document, its year changed."""
    import docx

    doc = docx.Document(FIXTURES / "plans" / "2018-sample.docx")
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for paragraph in doc.paragraphs + cells:
        for run in paragraph.runs:
            run.text = run.text.replace("2018", str(year))
    doc.save(target)


def test_cycle_page_commands(tmp_path):
    project, env = make_project(tmp_path)
    shutil.rmtree(project / "data" / "2019")  # the year starts: its plan document has just been issued
    _plan_document(project / "2019年度实施方案.docx", 2019)
    reader = Reader(project, env)
    reader.follow("cycle.md")
    assert (project / "data" / "2019" / "plan.yml").read_text(encoding="utf-8").count("\n      - id: ") == 46
    assert (project / "台账-2018.xlsx").is_file()
    assert (project / "台账.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (project / "文明创建台账-2018.zip").stat().st_size > 100_000


# -- deploy.md: the commands that run on any computer (the rest is for the server, see the examples) ---

def test_deploy_page_marked_commands(tmp_path):
    project, env = make_project(tmp_path, FIXTURES / "base")
    Reader(project, env).follow("deploy.md")
    assert (project / "演示" / "site" / "index.html").is_file()


def test_data_only_repository_with_data_option(tmp_path):
    """deploy.md's 方式二: a repository holding only data/, the commands run in it with `--data data`."""
    _, env = make_project(tmp_path, FIXTURES / "base")
    repo = tmp_path / "文明创建台账"
    shutil.copytree(FIXTURES / "base", repo / "data")
    reader = Reader(repo, env)
    reader.run("wenming check --data data", "deploy.md 方式二")
    reader.run("wenming build --data data -d build", "deploy.md 方式二")
    reader.run("wenming export ledger -o 台账-2018.xlsx --as-of 2018-12-31 --data data", "deploy.md 方式二")
    assert (repo / "build" / "index.html").is_file() and (repo / "台账-2018.xlsx").is_file()
    assert (repo / ".cache" / "wenming" / "photos").is_dir()  # the photo cache stays in the unit's folder


# -- every command on these pages is run -------------------------------------------------------

@pytest.mark.parametrize("page", WALKTHROUGHS)
def test_every_command_block_is_run(page):
    text = (GUIDE / page).read_text(encoding="utf-8")
    shell = [text.count("\n", 0, m.start()) + 1 for m in FENCE.finditer(text) if m["lang"] in SHELL]
    marked = {b.line for b in marked_blocks(page) if b.lang in SHELL}
    assert shell, f"{page} has no commands"
    assert [line for line in shell if line not in marked] == []


@pytest.mark.parametrize("page", PAGES)
def test_markers_are_known(page):
    for block in marked_blocks(page):
        assert block.directive in ("", "output", "serve") or block.directive.startswith("file "), block


# -- deploy.md: the shipped examples --------------------------------------------------------------

def _fenced(page: str) -> list[str]:
    return [m["code"] for m in FENCE.finditer((GUIDE / page).read_text(encoding="utf-8"))]


EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.iterdir()) if EXAMPLES.is_dir() else []


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_file_is_shown_on_the_deploy_page(name):
    """The page shows each shipped file whole, and links to it, so the two cannot drift apart."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert text in _fenced("deploy.md"), f"deploy.md does not show examples/{name} as it is"
    assert f"examples/{name}" in (GUIDE / "deploy.md").read_text(encoding="utf-8")


def _commands(lines: list[str]) -> list[str]:
    return [c for line in lines for c in re.findall(r"\bwenming (check|build)\b", line)]


def test_gitlab_ci_checks_then_builds():
    ci = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8"))
    stages = ci["stages"]
    jobs = {name: job for name, job in ci.items() if isinstance(job, dict) and "script" in job}
    assert jobs and all(job["stage"] in stages for job in jobs.values())
    ordered = sorted(jobs.values(), key=lambda job: stages.index(job["stage"]))
    lines = [line for job in ordered for line in job.get("before_script", []) + job["script"]]
    assert _commands(lines)[:2] == ["check", "build"]
    assert str(ci["variables"]["GIT_DEPTH"]) == "0"  # report dates come from the whole history


def test_gitea_workflow_checks_then_builds():
    flow = yaml.safe_load((EXAMPLES / "gitea-build.yml").read_text(encoding="utf-8"))
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    steps = [step for job in flow["jobs"].values() for step in job["steps"]]
    lines = [line for step in steps for line in str(step.get("run", "")).splitlines()]
    assert _commands(lines)[:2] == ["check", "build"]
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_ci_and_cron_never_publish_a_dirty_build():
    for name in EXAMPLE_FILES:
        commands = re.sub(r"#.*", "", (EXAMPLES / name).read_text(encoding="utf-8"))  # the comments say why
        assert "--dirty" not in commands and "mkdocs build" not in commands, name


def test_publish_script_is_valid_shell():
    script = EXAMPLES / "publish.sh"
    done = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _commands(script.read_text(encoding="utf-8").splitlines())[:2] == ["check", "build"]


# The examples run for real on a pretend server: /srv/wenming/ is a temp folder, the data repository
# on the git server is a temp project (with the small fixture data), the venv's `activate` puts the
# test's `wenming` on PATH.

@dataclass
class Server:
    origin: Path
    """The data repository on the git server (where the office commits)."""
    srv: Path
    """What the examples call /srv/wenming/."""
    env: dict[str, str]

    def example(self, name: str) -> str:
        return (EXAMPLES / name).read_text(encoding="utf-8").replace("/srv/wenming/", f"{self.srv}/")

    def commit(self, path: str, old: str, new: str, message: str) -> None:
        record = self.origin / path
        record.write_text(record.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        _git(self.origin, "-c", "user.name=创建办", "-c", "user.email=office@example.com", "commit", "-qam", message,
             env=self.env)

    def run(self, code: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", code], cwd=cwd, env=env or self.env,
                              capture_output=True, text=True, encoding="utf-8", timeout=600)


@pytest.fixture
def server(tmp_path) -> Server:
    origin, env = make_project(tmp_path, FIXTURES / "base")
    srv = tmp_path / "srv"
    (srv / "venv" / "bin").mkdir(parents=True)
    (srv / "venv" / "bin" / "activate").write_text(f'export PATH="{tmp_path / "bin"}:$PATH"\n', encoding="utf-8")
    _git(tmp_path, "clone", "-q", str(origin), str(srv / "repo"), env=env)
    return Server(origin, srv, env)


RECORD = "data/2018/activities/2018-05-20-志愿服务进社区.md"


def test_publish_script_builds_only_good_data_and_only_when_needed(server):
    script = server.srv / "publish.sh"
    script.write_text(server.example("publish.sh"), encoding="utf-8")
    site = server.srv / "site"

    def publish(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["sh", str(script), *args], env=server.env, capture_output=True, text=True,
                              encoding="utf-8", timeout=600)

    first = publish()
    assert first.returncode == 0, first.stderr
    assert (site / "index.html").is_file() and not (server.srv / "site.new").exists()
    assert any((server.srv / "cache").rglob("*.jpg"))  # the photos were processed into WENMING_CACHE
    built = (site / "index.html").stat().st_mtime_ns
    assert publish().returncode == 0 and (site / "index.html").stat().st_mtime_ns == built  # nothing new
    assert not (server.srv / "site.old").exists()

    server.commit(RECORD, "title: 志愿服务进社区", "title: 文明交通劝导", "活动：改名称")
    assert publish().returncode == 0
    assert "文明交通劝导" in (site / "2018/months/05.html").read_text(encoding="utf-8")
    assert (server.srv / "site.old").is_dir()

    server.commit(RECORD, "start: 2018-05-20", "start: 2018-05-40", "写错了日期")
    failed = publish()
    assert failed.returncode != 0 and "2018-05-20-志愿服务进社区.md:3" in failed.stderr  # mailed by cron
    assert "文明交通劝导" in (site / "2018/months/05.html").read_text(encoding="utf-8")  # the site stays as it was

    server.commit(RECORD, "start: 2018-05-40", "start: 2018-05-20", "改正日期")
    assert publish().returncode == 0
    built = (site / "index.html").stat().st_mtime_ns
    assert publish("--always").returncode == 0 and (site / "index.html").stat().st_mtime_ns != built


def test_cron_file_runs_the_publish_script():
    lines = [line for line in (EXAMPLES / "wenming.cron").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#") and "=" not in line.split()[0]]
    assert lines
    for line in lines:
        fields = line.split()
        assert len(fields) >= 7  # minute hour day month weekday user command
        assert "/srv/wenming/publish.sh" in fields[6:]
    assert any(line.rstrip().endswith("--always") for line in lines)  # once a day even without commits


def _deploy_possible() -> bool:
    return shutil.which("rsync") is not None


def test_gitlab_ci_jobs_run(server):
    """The jobs in stage order, in a checkout of the repository, as a shell runner runs them."""
    ci = yaml.safe_load(server.example("gitlab-ci.yml"))
    checkout = server.srv / "builds" / "repo"
    _git(server.srv, "clone", "-q", str(server.origin), str(checkout), env=server.env)
    env = dict(server.env, **{k: str(v) for k, v in ci["variables"].items()},
               CI_COMMIT_BRANCH="main", CI_DEFAULT_BRANCH="main")
    jobs = sorted(((name, job) for name, job in ci.items() if isinstance(job, dict) and "script" in job),
                  key=lambda item: ci["stages"].index(item[1]["stage"]))
    for name, job in jobs:
        if "rsync" in "".join(job["script"]) and not _deploy_possible():
            continue
        lines = job.get("before_script", ci["default"]["before_script"]) + job["script"]
        done = server.run("\n".join(lines), checkout, env)
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    assert (checkout / "public" / "index.html").is_file()
    if _deploy_possible():
        assert (server.srv / "site" / "index.html").is_file()


def test_gitea_workflow_steps_run(server):
    flow = yaml.safe_load(server.example("gitea-build.yml"))
    checkout = server.srv / "workspace"
    for job in flow["jobs"].values():
        env = dict(server.env, **{k: str(v) for k, v in job.get("env", {}).items()})
        for step in job["steps"]:
            if "uses" in step:  # actions/checkout
                _git(server.srv, "clone", "-q", str(server.origin), str(checkout), env=server.env)
                continue
            if "rsync" in step["run"] and not _deploy_possible():
                continue
            done = server.run(step["run"], checkout, env)
            assert done.returncode == 0, f"{step.get('name')}: {done.stdout}{done.stderr}"
    assert (checkout / "public" / "index.html").is_file()
    if _deploy_possible():
        assert (server.srv / "site" / "index.html").is_file()


def test_nginx_example():
    conf = (EXAMPLES / "nginx-wenming.conf").read_text(encoding="utf-8")
    body = re.sub(r"#.*", "", conf)
    assert body.count("{") == body.count("}")
    assert re.search(r"^\s*charset utf-8;", body, re.M)
    gzip_types = re.search(r"gzip_types ([^;]+);", body)[1].split()
    assert {"application/json", "application/javascript"} <= set(gzip_types)
    assert re.search(r"location /assets/ \{[^}]*(expires|Cache-Control)", body)


NGINX_MAIN = """\
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log stderr;
events {{}}
http {{
    include {mime};
    access_log off;
    client_body_temp_path {tmp}/body;
    include {tmp}/wenming.conf;
}}
"""


@pytest.fixture
def nginx(tmp_path, fixture_site):
    """The example server block, serving a built site on a free port (skipped where nginx is not installed)."""
    binary, mime = shutil.which("nginx") or shutil.which("/usr/sbin/nginx"), Path("/etc/nginx/mime.types")
    if not binary or not mime.is_file():
        pytest.skip("nginx is not installed")
    port = free_port()
    conf = (EXAMPLES / "nginx-wenming.conf").read_text(encoding="utf-8")
    conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{port};", conf)
    conf = re.sub(r"root /srv/wenming/site;", f"root {fixture_site};", conf)
    assert str(fixture_site) in conf and str(port) in conf
    (tmp_path / "wenming.conf").write_text(conf, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(NGINX_MAIN.format(tmp=tmp_path, mime=mime), encoding="utf-8")
    args = [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", "stderr"]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0 and "[warn]" not in checked.stderr, checked.stderr
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(base + "index.html", lambda body: True, timeout=20)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def _head(url: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}


def test_nginx_example_serves_the_site(nginx):
    status, page = _head(nginx + "index.html")
    assert status == 200 and page["content-type"] == "text/html; charset=utf-8"
    assert page["cache-control"] == "no-cache" and page["content-encoding"] == "gzip"
    status, index = _head(nginx + "search/search_index.json")
    assert index["content-type"] == "application/json; charset=utf-8" and index["content-encoding"] == "gzip"
    status, script = _head(nginx + "assets/charts.js")
    assert "max-age=" in script["cache-control"] and script["content-encoding"] == "gzip"
    assert "charset=utf-8" in script["content-type"]
    status, _ = _head(nginx + "no-such-page.html")
    assert status == 404
