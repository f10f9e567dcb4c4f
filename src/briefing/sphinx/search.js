/* The briefing's search (package briefing, MIT). Sphinx embeds this file (the setting html_search_scorer) in
   language_data.js, which only the search page loads, after searchtools.js (Sphinx 7.4). It
   - ranks the chapters that hold the speakers' sections before the apparatus (references, method, revisions)
     when their matches are equally good (Sphinx's documented Scorer.score hook);
   - names the section a result leads to ("The international experts › Dr. Christian Ketels: …"), and leaves out a
     page's whole-page entry when one of its sections is already listed;
   - leads a whole-page match to the section whose prose has the words, and shows that prose around them: no
     contents lists, tables, citation lines or web addresses; umlauts match their plain spelling ("Gartner"). */
// The leading semicolon: Sphinx puts this file straight after its stemmer, a function expression without one.
;(function () {
  "use strict";
  if (typeof Search === "undefined" || typeof Scorer === "undefined") return;

  /* Lower case without accents, one character for one, so positions in it are positions in the original text. */
  const fold = text => Array.from(text, c => [...c.normalize("NFD")][0].toLowerCase()).join("");

  /* Chapters with contribution sections: those the index's main entries (the speakers' names) point into. */
  let sectionDocs = null;
  const holdsSections = docName => {
    if (!sectionDocs) {
      const index = Search._index;
      sectionDocs = new Set();
      Object.values(index.indexentries).forEach(entries =>
        entries.forEach(([file, , main]) => { if (main) sectionDocs.add(index.docnames[file]); }));
    }
    return sectionDocs.has(docName);
  };

  Scorer.score = result => {
    const [docName, , anchor, , score] = result;
    return score + (!anchor && holdsSections(docName) ? 1 : 0);
  };

  /* "Chapter › Section" for a result that leads to a section of a chapter. */
  const sectionTitle = (docName, anchor) => {
    const index = Search._index;
    const file = index.docnames.indexOf(docName);
    const id = anchor.replace(/^#/, "");
    for (const [title, places] of Object.entries(index.alltitles)) {
      if (places.some(([f, i]) => f === file && i === id)) {
        return title === index.titles[file] ? title : `${index.titles[file]} › ${title}`;
      }
    }
    return null;
  };

  const performSearch = Search._performSearch;
  Search._performSearch = (...args) => {
    const results = performSearch(...args); // lowest score first: the page lists them from the end
    const withSection = new Set(results.filter(r => r[2]).map(r => r[0]));
    return results
      .filter(r => r[2] || !withSection.has(r[0]))
      .map(r => {
        const title = r[2] ? sectionTitle(r[0], r[2]) : null;
        if (title) r[1] = title;
        return r;
      });
  };

  /* A page's own prose: paragraphs and defined terms, not in contents lists, tables, notebook output or citation lines. */
  const NOISE = "nav, .toctree-wrapper, .bd-toc, table, .cell_output, .dt-container, .briefing-contribution-cite, .admonition-title";
  const proseBlocks = root =>
    [...root.querySelectorAll("p, dt")].filter(p => !p.closest(NOISE) && !p.querySelector("a[download]"));
  const blockText = block => {
    const copy = block.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(e => e.remove());
    return copy.textContent.replace(/\s*(?:URL:\s*)?https?:\/\/\S+(?:\s*\(visited on [^)]*\))?/g, "").replace(/\s+/g, " ").trim();
  };

  /* About 240 characters of the text around its first match, cut at spaces, with the words marked. */
  const snippet = (text, stems) => {
    const folded = fold(text);
    const at = Math.min(...stems.map(s => folded.indexOf(s)).filter(i => i >= 0), Infinity);
    let start = at === Infinity ? 0 : Math.max(0, at - 80);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    let end = Math.min(text.length, start + 240);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    const part = text.slice(start, end);
    const out = document.createElement("p");
    out.className = "context";
    if (start > 0) out.append("… ");
    const marks = stems.length ? new RegExp("(?:" + stems.map(s => s.replace(/[.*+\-?^${}()|[\]\\]/g, "\\$&")).join("|") + ")[\\p{L}\\p{N}]*", "gu") : null;
    const foldedPart = fold(part);
    let last = 0;
    for (const m of marks ? foldedPart.matchAll(marks) : []) {
      out.append(part.slice(last, m.index));
      const mark = out.appendChild(document.createElement("span"));
      mark.className = "highlighted";
      mark.textContent = part.slice(m.index, m.index + m[0].length);
      last = m.index + m[0].length;
    }
    out.append(part.slice(last) + (end < text.length ? " …" : ""));
    return out;
  };

  /* Lead a whole-page result to the section of its page where the words are: its link and its title. */
  const leadTo = (summary, section) => {
    const link = summary.parentElement && summary.parentElement.querySelector("a");
    const heading = section.querySelector(":scope > :is(h2, h3, h4, h5, h6)");
    if (!link || !heading) return;
    link.href = link.getAttribute("href").split("#")[0] + "#" + section.id;
    link.textContent = `${link.textContent} › ${blockText(heading)}`;
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const page = new DOMParser().parseFromString(htmlText, "text/html");
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]') || page.body;
    const root = (anchor && article.querySelector("#" + CSS.escape(anchor.slice(1)))) || article;
    // The stemmed words ("citi") and the words as typed ("city"): a stem is not always the start of its word.
    const typed = splitQuery(new URLSearchParams(location.search).get("q") || "").map(fold);
    const stems = [...new Set([...keywords, ...typed.filter(w => !stopwords.includes(w))].map(fold))].filter(Boolean);
    const found = text => stems.filter(s => fold(text).includes(s)).length;
    const blocks = proseBlocks(root);
    // The first paragraph with the most of the words; else (the words only in a table or a heading) the innermost
    // section that has them, summarised by its own first paragraph.
    const most = Math.max(0, ...blocks.map(b => found(blockText(b))));
    const hit = most ? blocks.find(b => found(blockText(b)) === most) : null;
    const has = s => found(s.textContent) > 0;
    const innermost = [...root.querySelectorAll("section[id]")].find(s => has(s) && ![...s.querySelectorAll("section[id]")].some(has));
    const section = hit ? hit.closest("section[id]") : innermost || null;
    const shown = hit || (section && proseBlocks(section)[0]) || blocks[0];
    const summary = snippet(shown ? blockText(shown) : "", hit ? stems : []);
    if (!anchor && section && section !== article.querySelector("section[id]")) {
      queueMicrotask(() => leadTo(summary, section)); // once Sphinx has put the summary under its link
    }
    return summary;
  };

  /* Sphinx's two summary lines in the briefing's words and the edition's language, through Sphinx's own table of
     translations (no "categories" here, and results are places in the briefing rather than pages). The search page
     carries them (briefing.sphinx.search.search_words). */
  if (typeof Documentation !== "undefined" && window.briefingSearchWords) {
    Object.assign(Documentation.TRANSLATIONS, window.briefingSearchWords);
  }

  /* The page's field is focused for a new search, not over results (a phone's keyboard would hide them). */
  document.addEventListener("DOMContentLoaded", () => {
    const field = document.getElementById("briefing-search-q");
    if (field && !new URLSearchParams(location.search).get("q")) field.focus();
  });
})();
