/* wenming: a photo thumbnail opens the full-size photo in GLightbox.
 *
 * Thumbnails are links (<a class="wm-lightbox" href="…/01.jpg">) to the
 * full-size photo, so without script they still open it. GLightbox
 * (glightbox.min.js and .css, copied into the site next to this file from the
 * mkdocs-glightbox package) is loaded only on pages that have such links, and
 * a click that comes before it has loaded opens the lightbox once it has.
 * The pages hold only the links (record pages have a size budget); here the
 * photos of an activity's gallery, or of the honour-roll cards, are made one
 * gallery to browse, and each photo shows the caption next to it: its
 * figcaption, the name on its card, or the activity's title on a month page.
 * Nothing is fetched from outside the site; works from file:// too.
 */
(function () {
  "use strict";
  var base = document.currentScript.src;
  var SELECTOR = "a.wm-lightbox";
  var loading = null;
  var lightbox = null;

  function load() {
    if (window.GLightbox) return Promise.resolve(window.GLightbox);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = new URL("glightbox.min.css", base).href;
        document.head.appendChild(css);
        var s = document.createElement("script");
        s.src = new URL("glightbox.min.js", base).href;
        s.onload = function () { resolve(window.GLightbox); };
        s.onerror = function () { loading = null; reject(new Error("glightbox.min.js 加载失败")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function describe(links) {
    links.forEach(function (link, i) {
      var gallery = link.closest(".wm-gallery") ? "photos" : link.closest(".wm-honors") ? "honors" : "photo-" + i;
      link.setAttribute("data-gallery", gallery);
      var holder = link.closest("figure, li, .wm-activity");
      var caption = holder && holder.querySelector("figcaption, strong, h3");
      if (caption) {
        caption.classList.add("wm-caption-" + i);
        link.setAttribute("data-description", ".wm-caption-" + i);
      }
    });
  }

  function setUp() {
    if (lightbox) { lightbox.destroy(); lightbox = null; }
    var links = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
    if (!links.length) return Promise.resolve(null);
    describe(links);
    return load().then(function (GLightbox) {
      if (!lightbox) {
        lightbox = GLightbox({
          selector: SELECTOR, touchNavigation: true, loop: false, zoomable: true, draggable: true,
          openEffect: "zoom", closeEffect: "zoom", slideEffect: "slide"
        });
      }
      return lightbox;
    });
  }

  // Until GLightbox is set up, a click on a thumbnail waits for it instead of leaving the page.
  document.addEventListener("click", function (event) {
    if (lightbox || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest(SELECTOR);
    if (!link) return;
    event.preventDefault();
    setUp().then(function (box) { if (box) box.open(link); });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
