/* wenming: highlight the searched words on the page a search result opens.
 *
 * Material's search.highlight marks a word of `?h=` only where a separator or a word
 * boundary comes before it, and Chinese has neither: 道德讲堂 in "第一期道德讲堂" stays
 * unmarked (mkdocs-material#3990). This marks every occurrence Material left unmarked,
 * the same way (<mark data-md-highlight>), in the article only. Works from file:// too.
 */
(function () {
  "use strict";
  var SKIP = { SCRIPT: 1, STYLE: 1, MARK: 1, TEXTAREA: 1 };

  function terms() {
    var h = new URLSearchParams(window.location.search).get("h");
    if (!h) return [];
    return h.split(/\s+/).map(function (t) { return t.replace(/\*/g, ""); })
      .filter(function (t) { return t.length > 0; })
      .sort(function (a, b) { return b.length - a.length; });  // the longest word first
  }

  function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function mark() {
    var words = terms();
    var article = document.querySelector("article.md-content__inner");
    if (!words.length || !article) return;
    var pattern = new RegExp("(" + words.map(escape).join("|") + ")", "gi");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var el = node.parentElement; el && el !== article; el = el.parentElement)
          if (SKIP[el.tagName]) return NodeFilter.FILTER_REJECT;
        pattern.lastIndex = 0;
        return pattern.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split(pattern);
      var frag = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (!part) return;
        if (i % 2) {
          var m = document.createElement("mark");
          m.setAttribute("data-md-highlight", "");
          m.textContent = part;
          frag.appendChild(m);
        } else {
          frag.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(frag, node);
    });
  }

  // After Material's own highlighting (it runs when the page is mounted), and after instant navigation.
  function later() { window.setTimeout(mark, 0); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(later);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", later);
  } else {
    later();
  }
})();
