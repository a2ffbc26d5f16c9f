"""MkDocs hooks: thin adapters from MkDocs events to the wenming package.

MkDocs does not reload hook modules under `mkdocs serve`, so nothing is cached
at import time: the data is read afresh in `on_config` for every build. What
survives between builds of one `serve` session is `_serve`: the last good site
(shown, with a banner, while the data has errors) and each generated page's
Markdown (so that `serve --dirty` re-renders only the pages that changed).
This is the only place (with the CLI) that touches MkDocs, the clock and the
environment; everything it calls is pure.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import logging
import os
import re
import sys
from pathlib import Path, PurePosixPath

import markdown
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler
from mkdocs.utils.rendering import get_heading_text
from material.plugins.search.plugin import Parser as SearchParser

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(_ROOT))

from wenming import outputs, settings  # noqa: E402
from wenming.site import mediacopy, photos, staging as site_staging  # noqa: E402
from wenming.api import load_dataset  # noqa: E402
from wenming.site.assets import PLOTLY_URI, glightbox_paths, plotly_js_path  # noqa: E402
from wenming.site.pages import build_site, problems_site  # noqa: E402
from wenming.site.htmlspace import collapse_indentation  # noqa: E402
from wenming.site.jinjacache import compiled_templates  # noqa: E402
from wenming.site.render import environment as template_environment  # noqa: E402
from wenming.records.problems import error_lines, render_report  # noqa: E402
from wenming.exports.public import public_dataset  # noqa: E402
from wenming.site.searchfile import defer_writing, write_index  # noqa: E402
from wenming.site.searchparse import parse_faster  # noqa: E402
from wenming.site.searchbatch import abandon as abandon_search_batches, index_in_batches  # noqa: E402
from wenming.site.jiebastate import dictionary_words, remember_cuts, restore_dictionary  # noqa: E402
from wenming.site.searchwords import (  # noqa: E402
    SEARCH_PLUGIN, USER_DICT, WORKER_PREFIX, data_words, fix_query_segmenter, index_text_first, use_in_search,
    user_dict)
from wenming.site.pagemeta import page_meta  # noqa: E402
from wenming.site.htmlblocks import HeadingCache, anchor_ids, heading_source, join_blocks, split_blocks  # noqa: E402

log = logging.getLogger("mkdocs.plugins.wenming")  # MkDocs' format; `-q` hides INFO

_state: dict = {}
_serve: dict = {"on": False, "dirty": False, "site": None, "nav": None, "markdown": {}}
_build: dict = {"dirty": False}


def on_startup(command, dirty=False, **kwargs):
    _serve.update(on=command == "serve", dirty=command == "serve" and dirty, site=None, nav=None, markdown={})
    _build.update(dirty=command == "build" and dirty)


def on_shutdown(**kwargs):
    _discard_staging()


@event_priority(100)  # before material/search's on_config, which reads jieba_dict_user
def on_config(config, **kwargs):
    _discard_staging()  # left by a build in this process that stopped before its end
    _state.clear()
    project = Path(config.config_file_path).resolve().parent
    data_dir = settings.data_dir(project, config.extra)
    where = outputs.places(Path(config.config_file_path), data_dir, False, Path(config.docs_dir))
    if problem := outputs.site_problem(Path(config.site_dir), where):
        raise PluginError(problem)  # before MkDocs empties the site folder (wenming/outputs.py)
    as_of = settings.as_of()
    dataset = load_dataset(data_dir, settings.display_path(data_dir))
    if settings.public():
        dataset = public_dataset(dataset)  # nothing internal or private reaches any output
    report = render_report(list(dataset.problems))
    errors, count = error_lines(list(dataset.problems))  # a file that cannot be read first, what follows counted
    if errors and not _serve["on"]:
        raise PluginError("\n" + report + "\n请改正以上问题后重新构建（wenming check 可以单独检查）。")
    if report:
        for line in report.splitlines():
            print(f"WARNING -  {line}" if "警告" in line else line, file=sys.stderr)
    _stage(config)
    # Under `serve`, data errors show in a banner over the last good site until they are fixed.
    config.extra["wenming_problems"] = errors
    config.extra["wenming_problem_count"] = count
    _state["compiled"] = compiled_templates(project)  # wenming/site/jinjacache.py
    if _state["compiled"]:  # our page templates; Material's in on_env
        template_environment().bytecode_cache = _state["compiled"]
    site = (_serve["site"] or problems_site(errors)) if errors else build_site(dataset, as_of)
    if site.later:
        print(f"INFO    -  {len(site.later)} 条记录的日期晚于数据截至日期 {as_of}，本次构建不计入"
              f"（如 {site.later[0]}）。", file=sys.stderr)
    _state.update(site=site, data_dir=data_dir, project=project, meta={
        p.uri: page_meta(p.uri, p.markdown, p.source, p.line, site.current, settings.public()) for p in site.pages})
    if dataset.unit.short and not errors:
        # The header and every window title name the unit. Material puts site_name into text and attributes
        # unescaped (MkDocs' templates do not autoescape), so it holds the name as HTML text.
        config.site_name = html.escape(dataset.unit.short, quote=True)
    if all(Path(w).resolve() != data_dir.resolve() for w in config.watch):
        config.watch.append(str(data_dir))  # `serve --data PATH` rebuilds when a record there changes
    logging.getLogger("jieba").setLevel(logging.WARNING)  # not "Building prefix dict …" on every build
    _fresh_jieba(config, project, dataset)
    use_in_search(config, project, dataset)
    config.nav = site.nav + list(config.nav or [])
    return config


def _fresh_jieba(config, project: Path, dataset) -> None:
    """jieba's dictionary as before the first build in this process, whatever earlier builds added
    (see wenming/site/jiebastate.py): the words this build adds are the data's names and the user
    dictionaries the search plugin loads."""
    if not (search := _search(config)):
        return
    files = {USER_DICT, user_dict(search.config.jieba_dict_user, project)}
    words = [w for path in sorted(files) if path.is_file() for w in dictionary_words(path)]
    restore_dictionary(words + data_words(dataset))


def on_files(files: Files, config, **kwargs):
    site = _state["site"]
    data_dir: Path = _state["data_dir"]
    unchanged = _serve["markdown"] if _serve["dirty"] and _serve["nav"] == site.nav else {}
    for page in site.pages:
        file = File.generated(config, page.uri, content=page.markdown)
        file.edit_uri = page.source
        if unchanged.get(page.uri) == page.markdown and not config.extra["wenming_problems"]:
            file.is_modified = _unmodified  # `serve --dirty` keeps the page built last time
        files.append(file)
    _add_media(files, config, site.media, data_dir, _state["project"])
    files.append(File.generated(config, PLOTLY_URI, abs_src_path=plotly_js_path()))
    for uri, path in glightbox_paths().items():
        files.append(File.generated(config, uri, abs_src_path=path))
    _fix_search_worker(files, config)
    files.copy_static_files = functools.partial(_copy_static_files, files)  # MkDocs calls it after on_env
    if not _serve["on"]:  # the Files hold each page's Markdown now; `serve` keeps the site for its banner
        _state["site"] = dataclasses.replace(site, pages=())
    return files


def _fix_search_worker(files: Files, config) -> None:
    """Publish Material's search worker with its Chinese query segmenter fixed (same name, so no
    template changes); left as it is when a Material version no longer has the bug's code."""
    for file in list(files):
        if file.src_uri.startswith(WORKER_PREFIX) and file.src_uri.endswith(".min.js") and file.abs_src_path:
            fixed = fix_query_segmenter(Path(file.abs_src_path).read_text(encoding="utf-8"))
            if fixed is not None:
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=fixed))


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Window title with the year, search exclusion/boost, and the data file behind the "编辑" link;
    a generated page that is HTML blocks and headings is rendered without a Markdown parse."""
    meta = _state.get("meta", {}).get(page.file.src_uri)
    if meta is None:  # a hand-written page
        return markdown
    for key, value in meta.items():
        page.meta.setdefault(key, value)
    page.render = functools.partial(_render_blocks, page)  # MkDocs calls page.render(config, files) next
    return markdown


def _render_blocks(page: Page, config, files) -> None:
    """`Page.render` for a generated page (wenming/site/htmlblocks.py): its HTML blocks as they are, its
    headings rendered alone by the site's Markdown, so the ids, the table of contents and the title are
    what MkDocs makes of the whole page. Anything else is rendered by MkDocs."""
    blocks = split_blocks(page.markdown)
    if blocks is None:
        return Page.render(page, config, files)
    if (rendered := _heading_cache(config).render(blocks)) is not None:
        headings, tokens, first_title = rendered
    else:  # a page with a heading the cache is not sure of: its headings rendered together
        html_lines, tokens, first_title = _convert_headings(*_heading_markdown(config), heading_source(blocks))
        headings = html_lines.split("\n")
    if len(headings) != sum(b.heading for b in blocks):
        return Page.render(page, config, files)
    page.content = join_blocks(blocks, headings)
    page.toc = get_toc(tokens)
    page._title_from_render = first_title if blocks[0].heading else None
    page.present_anchor_ids = {m for h in headings for m in _HEADING_ID.findall(h)} | anchor_ids(blocks)
    if log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


_HEADING_ID = re.compile(r'\sid="([^"]*)"')


class _FirstH1(markdown.treeprocessors.Treeprocessor):
    """The title MkDocs takes from a page: its first element, if that is an H1."""
    title: str | None = None

    def run(self, root):
        self.title = get_heading_text(root[0], self.md) if len(root) and root[0].tag == "h1" else None


def _convert_headings(md, title, source: str):
    md.reset()
    title.title = None
    return md.convert(source), getattr(md, "toc_tokens", []), title.title


def _heading_cache(config) -> HeadingCache:
    """Each distinct heading line of the generated pages rendered once per build (htmlblocks.HeadingCache)."""
    if "heading_cache" not in _state:
        md, title = _heading_markdown(config)
        _state["heading_cache"] = HeadingCache(functools.partial(_convert_headings, md, title))
    return _state["heading_cache"]


def _heading_markdown(config):
    """One Markdown converter per build for the generated pages' headings (the site's extensions)."""
    if "heading_md" not in _state:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
        title = _FirstH1(md)
        md.treeprocessors.register(title, "wenming_first_h1", priority=1)  # where MkDocs extracts its title
        _state["heading_md"] = (md, title)
    return _state["heading_md"]


def on_page_content(html, page, config, files, **kwargs):
    if _droppable(page):
        # A generated page's Markdown is not needed once it is HTML: dropping it keeps thousands of
        # record pages' sources out of memory while MkDocs renders them (MkDocs holds every page until
        # the end). "" and not None: MkDocs takes a page with no Markdown for one not read yet.
        page.markdown = ""
        page.file.content_string = ""
    return index_text_first(page.file.src_uri, html)


def _add_media(files: Files, config, media, data_dir: Path, project: Path) -> None:
    """Photos are published cleaned (upright, no metadata) with thumbnails, from the photo cache;
    other files (PDF documents) as they are."""
    cleaned = [m for m in media if m.clean]
    jobs = [photos.Job(data_dir / m.source, settings.display_path(data_dir / m.source), PurePosixPath(m.uri).suffix)
            for m in cleaned]
    cache = photos.cache_dir(project, os.environ)
    try:
        results = dict(zip((m.uri for m in cleaned), photos.publish_all(jobs, cache), strict=True))
    except photos.PhotoError as e:
        raise PluginError("\n" + str(e)) from None
    for r in results.values():
        if r.warning:
            print(f"WARNING -  {r.warning}", file=sys.stderr)
    if made := sum(r.processed for r in results.values()):
        print(f"INFO    -  处理了 {made} 张照片（摆正方向、去掉拍摄地点等元数据、生成缩略图），"
              f"结果缓存在 {settings.display_path(cache)}。", file=sys.stderr)
    for m in media:
        r = results.get(m.uri)
        files.append(_MediaFile.generated(config, m.uri, abs_src_path=str(r.image if r else data_dir / m.source)))
        if r and m.thumb:
            files.append(_MediaFile.generated(config, m.thumb, abs_src_path=str(r.thumb)))


class _MediaFile(File):
    """A photo or document copied into the site: as MkDocs copies it, but by a second process while the
    pages render (wenming/site/mediacopy.py): 12,000 photos and thumbnails in a decade."""

    def copy_file(self, dirty: bool = False) -> None:
        copier = _state.get("copier")
        if copier is None:  # not during copy_static_files: as MkDocs copies it
            super().copy_file(dirty)
        elif not dirty or self.is_modified():
            copier.add(self.abs_src_path, self.abs_dest_path)


def _copy_static_files(files: Files, *args, **kwargs) -> None:
    """`Files.copy_static_files`, with the media handed to a copying process that the build waits for
    at the end (on_post_build)."""
    _state["copier"] = copier = mediacopy.Copier()
    Files.copy_static_files(files, *args, **kwargs)
    copier.start()


def _stage(config) -> None:
    """Build into a temporary folder beside the site folder, swapped in by on_post_build (wenming/outputs.py):
    a failed, killed or disk-full build leaves the previous site whole. `serve` builds into its own folder;
    `build --dirty` adds to the old site."""
    if _serve["on"] or _build["dirty"]:
        return
    staging, why = site_staging.stage(Path(config.site_dir))
    if staging is None:
        log.info(f"{why}：直接在输出文件夹里构建（构建中途失败时，旧网站会不完整）。")
        return
    site_staging.guard(staging)
    _state["staging"] = staging
    config.site_dir = str(staging.staged)


def _swap_in(config) -> None:
    """The finished site in place of the old one, unless strict mode is about to fail the build for its warnings."""
    if (staging := _state.pop("staging", None)) is None:
        return
    if config.strict and any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers):
        _state["staging"] = staging  # MkDocs raises Abort next: on_build_error discards it
        return
    site_staging.swap_in(staging)
    config.site_dir = str(staging.final)
    log.info(f"网站已换到 {settings.display_path(staging.final)}（在旁边的临时文件夹里生成，完成后一次换上）。")


def _discard_staging() -> None:
    if (staging := _state.pop("staging", None)) is not None:
        site_staging.discard(staging)


def on_build_error(error, **kwargs):
    _discard_staging()
    if copier := _state.pop("copier", None):
        copier.stop()
    if (index := _state.pop("search_index", None)) is not None:
        abandon_search_batches(index)


def _unmodified() -> bool:
    return False


def on_pre_build(config, **kwargs):
    outputs.mark(Path(config.site_dir))  # a folder wenming may empty next time (hidden: MkDocs' cleaning keeps it)
    remember_cuts()  # after every on_config: this build's words are in jieba's dictionary
    if search := _search(config):  # its SearchIndex is made in its on_config
        defer_writing(search.search_index)  # written entry by entry in on_post_build (wenming/site/searchfile.py)
        parse_faster(search.search_index, SearchParser)  # sections without HTMLParser (wenming/site/searchparse.py)
        index_in_batches(search.search_index, SearchParser)  # on the second core (wenming/site/searchbatch.py)
        _state["search_index"] = search.search_index


def _search(config):
    search = config.plugins.get(SEARCH_PLUGIN)
    return search if search is not None and search.config.enabled else None


def on_env(env, config, files, **kwargs):
    env.globals["wenming_per_folder"] = _per_folder()
    if _state.get("compiled"):  # Material's templates, compiled once, not every build
        env.bytecode_cache = _state["compiled"]
    return env


def _per_folder():
    """`{% call wenming_per_folder(name) %}…{% endcall %}`: the part rendered once per folder for the pages
    not in the nav, its indentation collapsed once (on_post_page collapses the rest of the page).

    Material renders the whole nav into every page, a tenth of the build time, and its tabs, settings
    and scripts too. A record page is not in the nav, so nothing in these is active and they differ from
    another's only in the relative links, which depend on the page's folder. Pages in the nav (active
    items) have them rendered as Material renders them."""
    rendered: dict[tuple[str, str], Markup] = {}
    in_nav: dict[int, set[int]] = {}  # id(nav) -> ids of its pages (Page == compares titles and files)

    @pass_context
    def per_folder(context, name: str, caller) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        if nav is not None and id(nav) not in in_nav:
            in_nav[id(nav)] = {id(p) for p in nav.pages}
        if page is None or nav is None or id(page) in in_nav[id(nav)]:
            return caller()
        key = (name, page.url.rpartition("/")[0])
        if key not in rendered:
            rendered[key] = Markup(collapse_indentation(caller()))
        return rendered[key]

    return per_folder


def on_nav(nav, config, files, **kwargs):
    # `--dirty` skips reading unmodified pages, but the nav needs their titles.
    for page in nav.pages:
        if page.markdown is None and page.file.is_modified is _unmodified:
            page.read_source(config)
    _state["counts"] = (len(files.documentation_pages()), len(nav.pages))
    return nav


@event_priority(-100)
def on_post_build(config, **kwargs):
    if copier := _state.pop("copier", None):
        try:
            copier.wait()
        except mediacopy.CopyError as e:
            raise PluginError(str(e)) from None
    if search := _search(config):  # after material/search has written its stub of search_index.json
        write_index(search.search_index, Path(config.site_dir) / "search")
    if "counts" in _state:  # instead of MkDocs' list of every page not in the nav (validation.nav.omitted_files)
        total, in_nav = _state["counts"]
        log.info(f"共生成 {total:,} 个页面：{in_nav:,} 个在导航中，其余 {total - in_nav:,} 个"
                 f"（活动、任务、月份等记录页面）由各索引页链接。")
    _swap_in(config)  # last: every file of the site is written
    site = _state.get("site")
    if not _serve["on"] or site is None:
        return
    if config.extra["wenming_problems"]:  # every page carries the banner: rebuild them all once fixed
        _serve.update(markdown={})
    else:
        _serve.update(site=site, nav=site.nav, markdown={p.uri: p.markdown for p in site.pages})


def _droppable(page: Page) -> bool:
    """A generated page of a build (not `serve`, which compares each page's Markdown between builds)."""
    return not _serve["on"] and page.file.src_uri in _state.get("meta", {})


def on_post_page(output, page, config, **kwargs):
    if _droppable(page):
        page.content = ""  # written out: nothing after this page reads its HTML body again
    return collapse_indentation(output)  # a third of a record page was Material's indentation
