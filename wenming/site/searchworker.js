/* wenming: search as a reader expects it. Put before Material's search worker
 * (wenming/site/searchwords.py, `fix_query_segmenter`); it talks to that worker only
 * through its messages (0 setup, 2 query, 3 result), so it does not depend on its code.
 *
 * Material's worker cuts a Chinese query into words of the index and looks for any of
 * them (OR), each as the beginning of an indexed word. A word in no page still finds
 * pages: 无偿献血 is searched as 无* (the characters no word of the index begins with
 * are dropped), so every page with 无私 or 无 is listed, each marked "缺少: …". And a
 * query mixing digits and Chinese (2018年5月, 5月) is one word of the query, which the
 * index never holds (it keeps 2018, 年, 5, 月 apart), so it finds nothing.
 *
 * Here:
 * - a query's Chinese is set apart from its digits and Latin letters (2018 年 5 月), as
 *   the index sets them apart;
 * - a result is kept only where every word typed (each part between spaces, as typed)
 *   is in the page's text, and within a page only the sections holding one of them:
 *   a word in no page finds nothing, and Material says 没有找到符合条件的结果;
 * - the kept results carry the words typed as their terms: none is "missing", and the
 *   page opened highlights what was typed (assets/highlight.js);
 * - pages of the current year (the year the home page shows, `wenming_current_year` in
 *   the index's config) come first, then each other year, the latest first, then pages
 *   of no year (the guide); within each, Material's order.
 */
(() => {
  "use strict"
  const SETUP = 0, QUERY = 2, RESULT = 3
  const APART = /(?<=\p{sc=Han})(?=[\p{N}\p{sc=Latin}])|(?<=[\p{N}\p{sc=Latin}])(?=\p{sc=Han})/gu
  const ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&amp;": "&" }
  const post = self.postMessage
  const asked = []                     /* the words of each query sent on, oldest first */
  let current = 0

  /* What a word of the query must be found in: text without markup, spaces or case */
  function plain(value) {
    return String(value || "")
      .replace(/<[^>]*>/g, "")
      .replace(/&(lt|gt|quot|#39|amp);/g, entity => ENTITIES[entity])
      .replace(/[\s\u200b]+/g, "")
      .toLowerCase()
  }

  /* The words typed: not those excluded (-word), without Material's query syntax */
  function words(query) {
    return query.replace(/"/g, " ").split(/\s+/)
      .filter(word => word && !word.startsWith("-"))
      .map(word => plain(word.replace(/^\+/, "").replace(/[~^]\d*$/, "").replace(/\*/g, "")))
      .filter(word => word.length > 0)
  }

  function yearOf(group) {
    const found = /^(\d{4})\//.exec(group[0].location)
    return found ? +found[1] : 0
  }

  function rank(year) {
    return year === current ? 0 : year ? 1 : 2
  }

  function refine(result, typed) {
    if (!typed.length || !result || !Array.isArray(result.items))
      return result
    const terms = Object.fromEntries(typed.map(word => [word, true]))
    const items = []
    for (const group of result.items) {
      const texts = group.map(item => plain(item.title) + "\n" + plain(item.text))
      const all = texts.join("\n")
      if (!typed.every(word => all.includes(word)))
        continue
      items.push(group
        .filter((item, n) => !item.location.includes("#") || typed.some(word => texts[n].includes(word)))
        .map(item => ({ ...item, terms })))
    }
    const years = new Map(items.map(group => [group, yearOf(group)]))
    items.sort((a, b) => rank(years.get(a)) - rank(years.get(b)) || years.get(b) - years.get(a))
    return { ...result, items }
  }

  self.addEventListener("message", ev => {
    const message = ev.data
    if (!message)
      return
    if (message.type === SETUP && message.data && message.data.config)
      current = +message.data.config.wenming_current_year || 0
    if (message.type === QUERY && typeof message.data === "string") {
      asked.push(words(message.data))
      message.data = message.data.replace(APART, " ")
    }
  })

  self.postMessage = function (message, ...rest) {
    if (message && message.type === RESULT && asked.length)
      message = { ...message, data: refine(message.data, asked.shift()) }
    return post.call(self, message, ...rest)
  }
})();
