/* The reader's side of the book (package briefing, MIT): interactive tables on a phone, the report's words on
   demand, visible copy and link controls, a colour mode that follows the system, and a language switch that keeps
   the reader's place. No other host, no library. */
(function () {
  "use strict";

  /* The words this script writes, in the edition's language (briefing.sphinx.reader.reader_words, on every page). */
  const words = window.briefingWords;
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (field, name) => (name in values ? String(values[name]) : field));
  const toggleLabel = (text, what) => fill(text, { what: what.charAt(0).toLowerCase() + what.slice(1), What: what });

  /* Tables: called by every DataTable of the book after each draw (see briefing.notebook.interactive). */
  function labelCells(api) {
    const titles = [];
    api.columns().every(function () {
      const title = this.header().querySelector(".dt-column-title");
      titles[this.index()] = (title || this.header()).textContent.trim();
    });
    api.rows({ page: "current" }).every(function () {
      const tr = this.node();
      if (!tr) return;
      api.columns(":visible").indexes().toArray().forEach((col, i) => {
        const td = tr.cells[i];
        if (td && !td.hasAttribute("data-label")) td.setAttribute("data-label", titles[col]);
      });
    });
  }

  function detailsList(text) {
    const list = document.createElement("ul");
    list.className = "briefing-details";
    // One line per quotation: the rows file carries the line breaks escaped ("\\n", as itables' formatting writes them).
    String(text).split(/\n|\\n/).filter(Boolean).forEach(line => {
      const item = document.createElement("li");
      // On a page in another language the report's English quotation (“…”) is marked as English; its rendering follows.
      const quoted = document.documentElement.lang !== "en" && line.match(/^(.*?)(“[^”]*”)(.*)$/s);
      if (quoted) {
        const english = document.createElement("span");
        english.lang = "en";
        english.textContent = quoted[2];
        item.append(quoted[1], english, quoted[3]);
      } else item.textContent = line;
      list.appendChild(item);
    });
    return list;
  }

  function addDetailToggles(api, column) {
    const header = api.column(column).header();
    const what = (header.querySelector(".dt-column-title") || header).textContent.trim();
    api.rows({ page: "current" }).every(function () {
      const row = this, tr = row.node();
      if (!tr || tr.querySelector(".briefing-details-toggle")) return;
      const text = row.data()[column];
      if (!text) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "briefing-details-toggle";
      button.setAttribute("aria-expanded", "false");
      button.textContent = toggleLabel(words.show, what);
      button.addEventListener("click", event => {
        event.stopPropagation();
        const open = row.child.isShown();
        if (open) row.child.hide(); else row.child(detailsList(text), "briefing-details-row").show();
        button.setAttribute("aria-expanded", String(!open));
        button.textContent = toggleLabel(open ? words.show : words.hide, what);
      });
      tr.cells[tr.cells.length - 1].appendChild(button);
    });
  }

  function focusablePanes(api) {
    const wrapper = api.table().container();
    wrapper.querySelectorAll("div.dtsp-searchPane").forEach(pane => {
      const list = pane.querySelector("div.dt-container");
      const title = pane.querySelector("input.dtsp-search");
      if (list && !list.hasAttribute("tabindex")) {
        list.setAttribute("tabindex", "0");
        list.setAttribute("role", "region");
        list.setAttribute("aria-label", fill(words.filterOptions, { filter: title ? title.placeholder : words.filter }));
      }
    });
  }

  window.briefingTableDrawn = function (api) {
    const table = api.table().node();
    const wrap = table.closest(".briefing-table-wrap");
    if (api.data().count() > 0) {
      const note = document.getElementById(table.id + "-preview-note");
      if (note) note.hidden = true;
    }
    labelCells(api);
    if (wrap && wrap.dataset.details !== undefined) addDetailToggles(api, Number(wrap.dataset.details));
    focusablePanes(api);
  };

  /* Copy controls: a visible copy button on every reference, and "copy link" on every contribution heading. */
  function copyText(text, button) {
    const done = () => { const old = button.dataset.label; button.textContent = words.copied; setTimeout(() => { button.textContent = old; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => {});
    else {
      const area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      try { document.execCommand("copy"); done(); } finally { area.remove(); }
    }
  }

  function copyLinks() {
    document.querySelectorAll("section.briefing-contribution > :is(h2, h3)").forEach(heading => {
      const id = heading.parentElement.id;
      if (!id || heading.querySelector(".briefing-copy-link")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "briefing-copy-link";
      button.dataset.label = words.copyLink;
      button.textContent = words.copyLink;
      button.setAttribute("aria-label", fill(words.copyLinkTo, { heading: heading.textContent.replace("#", "").trim() }));
      button.addEventListener("click", () => copyText(location.href.split("#")[0] + "#" + id, button));
      heading.appendChild(button);
    });
    // Each contribution's reference gets a visible copy button too (the chapter's has sphinx-copybutton's).
    document.querySelectorAll("p.briefing-contribution-cite").forEach(cite => {
      if (cite.querySelector(".briefing-copy-cite")) return;
      const label = cite.querySelector("strong");
      const text = cite.textContent.replace(label ? label.textContent : "", "").trim();
      const button = document.createElement("button");
      button.type = "button";
      button.className = "briefing-copy-link briefing-copy-cite";
      button.dataset.label = words.copyReference;
      button.textContent = words.copyReference;
      button.addEventListener("click", () => copyText(text, button));
      cite.appendChild(button);
    });
  }

  /* A search that finds nothing says what the book does cover, with a link to each chapter. */
  function explainMisses() {
    const results = document.getElementById("search-results");
    if (!results) return;
    const explain = () => {
      const summary = results.querySelector("p.search-summary");
      if (!summary || summary.dataset.briefingMiss || results.querySelector("ul.search li")) return;
      if (summary.textContent.trim() !== words.noMatch) return;
      summary.dataset.briefingMiss = "1";
      const note = document.createElement("p");
      note.className = "briefing-search-miss";
      const [before, after] = words.missChapters.split("{chapters}");
      note.appendChild(document.createTextNode(before));
      const links = [...document.querySelectorAll(".bd-sidebar-primary nav.bd-docs-nav a.reference.internal")];
      links.forEach((a, i) => {
        const link = document.createElement("a");
        link.href = a.href;
        link.textContent = a.textContent.trim();
        note.appendChild(link);
        if (i < links.length - 1) note.appendChild(document.createTextNode("; "));
      });
      note.appendChild(document.createTextNode(after));
      summary.after(note);
    };
    new MutationObserver(explain).observe(results, { subtree: true, childList: true, characterData: true });
    explain();
  }

  /* A box that scrolls sideways becomes a region named by its caption, which a keyboard can focus and whose caption
     says so; one that fits is a plain box again. */
  function scrollRegion(box, caption, scrolls, hintText) {
    let hint = caption && caption.querySelector(".briefing-scroll-hint");
    if (scrolls) {
      box.setAttribute("role", "region");
      const name = caption ? caption.cloneNode(true) : null;
      if (name) name.querySelectorAll(".headerlink, .briefing-scroll-hint").forEach(e => e.remove());
      box.setAttribute("aria-label", name ? name.textContent.trim() : words.table);
      box.tabIndex = 0;
      if (caption && !hint) {
        hint = caption.appendChild(document.createElement("span"));
        hint.className = "briefing-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = hintText;
      }
    } else {
      if (hint) hint.remove();
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      box.removeAttribute("tabindex");
    }
  }

  /* Tables wider than the text column scroll inside a region labelled by their caption (the interactive tables have
     their own layout and are left alone). */
  function scrollRegions() {
    document.querySelectorAll("article .pst-scrollable-table-container, article .briefing-table-wrap").forEach(box => {
      const table = box.querySelector(":scope > table:not(.dataTable)");
      if (!table) return;
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("briefing-scrolls", scrolls);
      const columns = table.querySelector("tr") ? table.querySelector("tr").cells.length : 0;
      scrollRegion(box, table.querySelector(":scope > caption"), scrolls, fill(words.scrollSideways, { columns }));
    });
  }

  /* A figure shown at its own size on a phone (its labels stay readable) scrolls sideways in the same kind of region. */
  function scrollFigures() {
    document.querySelectorAll("article .briefing-figure-scroll").forEach(box => {
      const figure = box.closest("figure");
      scrollRegion(box, figure && figure.querySelector("figcaption"), box.scrollWidth > box.clientWidth + 1, words.scrollFigure);
    });
  }
  /* The language switch keeps the reader's place: the other edition has the same anchors (#ketels) and the same search
     page, so the link carries this page's anchor and query (?q=) along, whenever either changes. */
  function keepPlaceAcrossEditions() {
    const links = Array.from(document.querySelectorAll("a.briefing-language-link"));
    const pages = links.map(a => a.getAttribute("href").split(/[?#]/)[0]);
    const follow = () => links.forEach((a, i) => a.setAttribute("href", pages[i] + window.location.search + window.location.hash));
    follow();
    window.addEventListener("hashchange", follow);
    links.forEach(a => a.addEventListener("click", follow));  // an anchor set without a hashchange (history.replaceState)
  }
  document.addEventListener("DOMContentLoaded", keepPlaceAcrossEditions);

  let resizing = 0;
  window.addEventListener("resize", () => { clearTimeout(resizing); resizing = setTimeout(() => { scrollRegions(); scrollFigures(); }, 200); });
  document.addEventListener("DOMContentLoaded", scrollFigures);

  document.addEventListener("DOMContentLoaded", scrollRegions);
  document.addEventListener("DOMContentLoaded", copyLinks);
  document.addEventListener("DOMContentLoaded", explainMisses);
})();
