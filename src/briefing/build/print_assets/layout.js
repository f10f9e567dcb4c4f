// Lays out the composed print edition (run once in Chromium with print media emulated): moves the key
// messages behind the cover and the annexes to the end, leaves out web-only sections with their
// address, points every link into the PDF or at the published address, fits every table to the page
// and lists the contents. Returns the ids the contents link to (so the printer can look up their pages)
// and the planned parts the built book does not have.
(args) => {
  const {base, keyMessages, annexes, leftOut, contributions, portrait, landscape, words} = args;
  // A sentence of the edition's language with its {name} slots filled (values may be text or elements).
  const fill = (template, values) => template.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part)).filter(v => v !== '');
  const MM = 96 / 25.4;
  const byWeb = (page, id) => document.getElementById(`${page.replace(/\.html$/, '').replace(/\//g, '-')}--${id}`);
  const chapterOf = page => document.querySelector(`.pdf-chapter[data-page="${page}"]`);
  const retag = (el, tag) => {
    const fresh = document.createElement(tag);
    for (const a of el.attributes) fresh.setAttribute(a.name, a.value);
    fresh.append(...el.childNodes);
    el.replaceWith(fresh);
    return fresh;
  };
  const webAddress = path => (base ? base + path : null);
  const note = (title, path) => {
    const p = document.createElement('p');
    p.className = 'pdf-left-out';
    const url = webAddress(path);
    if (!url) { p.append(...fill(words.leftOut, {title})); return p; }
    const a = document.createElement('a');
    a.href = url;
    a.textContent = url;
    p.append(...fill(words.leftOutAt, {title, address: a}));
    return p;
  };

  // 0. Paper only: no web-only hint or maintainers' note; languages and alt text kept in the
  // PDF's tags, long words of narrow columns hyphenated by their language.
  document.querySelectorAll('.briefing-scroll-hint').forEach(e => e.remove());
  document.querySelectorAll('.briefing-gap').forEach(e => { e.textContent = words.gap; });
  document.querySelectorAll('a[data-web]').forEach(a => {  // 'PDF of this edition.': this file itself
    const p = a.closest('p');
    if (/^(\w+\/)?downloads\/[^/#]+\.pdf$/.test(a.dataset.web) && p && p.textContent.replace(a.textContent, '').trim() === '.') p.remove();
  });
  // Chromium tags a passage's language only when the passage is an element of its own in the accessibility tree.
  const docLang = document.documentElement.lang;
  document.querySelectorAll('.pdf-book [lang]').forEach(e => {
    if (e.getAttribute('lang') !== docLang && !e.hasAttribute('tabindex')) e.setAttribute('tabindex', '-1');
  });
  // A figure around an image with alt text groups it with its caption (a Div in the PDF, not a second Figure without alt).
  document.querySelectorAll('.pdf-book figure').forEach(f => { if (f.querySelector('img[alt]')) f.setAttribute('role', 'group'); });
  const textNodes = el => {
    const found = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) found.push(node);
    return found;
  };
  // A source's label stands apart from the words around it, in the text itself (the label's box alone runs into the
  // sentence when read or copied): 'Editors' assessment: …' before a statement, '(Editors' assessment)' after one.
  document.querySelectorAll('.pdf-book .briefing-source').forEach(mark => {
    const block = mark.closest('p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6') || mark.parentElement;
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEndBefore(mark);
    if (before.toString().trim() === '') mark.append(':');
    else { mark.prepend('('); mark.append(')'); }
  });
  // Paper breaks no line inside a date or before a name after its academic titles: "7. Dezember 2026",
  // "7 December 2026", "Prof. Dr. Matthias Kiese" (a non-breaking space where the text has a space).
  textNodes(document.querySelector('.pdf-book') || document.body).forEach(node => {
    const kept = node.textContent
      .replace(/(\b\d{1,2}\.?) (?=\p{Lu}\p{Ll}+\.? \d{4}\b)/gu, '$1\u00a0')
      .replace(/\b(Prof\.|Dr\.(?:-Ing\.)?|PD) (?=\p{Lu})/gu, '$1\u00a0');
    if (kept !== node.textContent) node.textContent = kept;
  });
  // A table's headings break between words only on paper: no soft hyphens from the screen's narrow columns.
  document.querySelectorAll('.pdf-book th').forEach(th => textNodes(th).forEach(node => {
    if (node.textContent.includes('\u00ad')) node.textContent = node.textContent.replace(/\u00ad/g, '');
  }));
  // What the web pages say of a page, a printed chapter or annex says of itself ('This chapter in figures').
  for (const {page, web, print} of args.paper || []) {
    const scopes = page ? [chapterOf(page)].filter(Boolean) : [...document.querySelectorAll('.pdf-chapter')];
    scopes.forEach(scope => textNodes(scope).forEach(node => {
      if (node.textContent.includes(web)) node.textContent = node.textContent.split(web).join(print);
    }));
  }
  const seen = new Set();
  document.querySelectorAll(args.hyphenated).forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (seen.has(node)) continue;
      seen.add(node);
      const found = args.hyphens[node.parentElement.closest('[lang]')?.getAttribute('lang') || docLang];
      // A file name, address or identifier ('.', '_', '/', '@' or ':' inside a word) is never hyphenated.
      if (found) node.textContent = node.textContent.replace(/\S+/g, token => (/[._\/@:]\S/.test(token) ? token
        : token.replace(/[\p{L}\p{M}]{8,}/gu, w => found[w] || w)));
    }
  });

  // 1. The key messages, on the page after the cover.
  const missing = [];
  const km = byWeb(keyMessages.page, keyMessages.id);
  if (!km) missing.push(`${keyMessages.page}#${keyMessages.id}`);
  if (km) {
    document.querySelector('#pdf-key-messages').append(km);
    km.querySelectorAll(':scope > h2').forEach(h => retag(h, 'h1'));
  }
  // 2. Web-only sections and pages: left out, with a line giving their address.
  const omitted = [];
  for (const item of leftOut) {
    const targets = item.id ? [...document.querySelectorAll(`.pdf-chapter [data-webid="${item.id}"]`)].filter(e => e.tagName === 'SECTION')
                            : [chapterOf(item.page)].filter(Boolean);
    for (const el of targets) {
      if (item.silent) { el.remove(); continue; }
      const page = el.closest('.pdf-chapter')?.dataset.page || item.page;
      if (item.id) el.replaceWith(note(item.title, `${page}#${item.id}`));
      else { omitted.push(note(item.title, page)); el.remove(); }
    }
  }
  // 3. The annexes, in compact type after the last chapter; a section becomes an annex chapter.
  const annexBox = document.querySelector('#pdf-annexes');
  annexes.forEach((item, i) => {
    const letter = String.fromCharCode(65 + i);
    let el = item.id ? byWeb(item.page, item.id) : chapterOf(item.page);
    if (!el) { missing.push(item.id ? `${item.page}#${item.id}` : item.page); return; }
    if (item.id) {  // the section's own heading becomes the annex's h1, whatever its level on the web page
      const top = el.querySelector('h2, h3, h4, h5');
      const shift = top ? Number(top.tagName[1]) - 1 : 1;
      el.querySelectorAll('h2, h3, h4, h5, h6').forEach(h => retag(h, `h${Math.max(1, Number(h.tagName[1]) - shift)}`));
    }
    const h1 = el.querySelector('h1');
    if (h1) h1.textContent = fill(words.annex, {letter, title: item.title || h1.textContent}).join('');
    el.classList.add('pdf-annex');
    if (!el.id) el.id = `pdf-annex-${letter}`;
    annexBox.append(el);
  });
  omitted.forEach(p => annexBox.append(p));
  if (!annexBox.children.length) annexBox.remove();

  // 4. Links: inside the PDF where the target is printed, else the published address, else plain text.
  const unwrap = a => a.replaceWith(...a.childNodes);
  document.querySelectorAll('a[data-web]').forEach(a => {
    const [path, frag] = a.dataset.web.split('#');
    const target = frag ? byWeb(path, frag) : chapterOf(path);
    if (target) a.setAttribute('href', `#${target.id}`);
    else if (base) a.setAttribute('href', base + a.dataset.web);
    else unwrap(a);
  });
  document.querySelectorAll('a[data-ext]').forEach(a => {
    const url = new URL(a.dataset.ext);
    const local = ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(url.hostname) || url.protocol === 'file:';
    if (!local && ['http:', 'https:', 'mailto:'].includes(url.protocol)) a.setAttribute('href', url.href);
    else unwrap(a);
  });

  // 4a. No type under 7.5 pt anywhere (measured once the annexes have their compact type, before tables are fitted).
  const FLOOR = 7.5 * 96 / 72;
  document.querySelectorAll('.pdf-book *').forEach(e => {
    if (parseFloat(getComputedStyle(e).fontSize) < FLOOR - 0.01) e.style.setProperty('font-size', '7.5pt', 'important');
  });

  // 4b. Tables and figures numbered through the book (a table's parts and turned copies keep its number).
  const counts = {table: 0, figure: 0};
  document.querySelectorAll('.pdf-main table, .pdf-annexes table, .pdf-main figure, .pdf-annexes figure').forEach(el => {
    if (el.parentElement.closest('table, figure')) return;
    const kind = el.tagName === 'TABLE' ? 'table' : 'figure';
    const number = String(++counts[kind]);
    el.dataset.pdfNumber = `${kind}-${number}`;
    el.querySelectorAll('.caption-number').forEach(e => e.remove());
    let caption = kind === 'table' ? el.caption : el.querySelector('figcaption');
    if (!caption) {
      caption = document.createElement(kind === 'table' ? 'caption' : 'figcaption');
      if (kind === 'table') el.prepend(caption); else el.append(caption);
    }
    const label = document.createElement('span');
    label.className = 'pdf-number';
    label.textContent = fill(words[kind], {number}).join('');
    caption.prepend(label, ' ');
  });

  // 5. Tables: every row, no word broken; too wide for the page: landscape, else transposed, else split.
  const minWidth = t => {
    t.style.setProperty('width', 'min-content', 'important');
    const w = t.getBoundingClientRect().width;
    t.style.removeProperty('width');
    return w;
  };
  // A landscape table takes its section along (heading and introduction) when the section holds nothing else.
  const wrap = (t, cls) => {
    const section = t.closest('section');
    const own = section && !section.querySelector('section') && section.querySelectorAll('table').length === 1
      && !section.classList.contains('pdf-chapter') ? section : null;
    if (own) { own.classList.add(cls); return own; }
    const d = document.createElement('div'); d.className = cls; t.replaceWith(d); d.append(t); return d;
  };
  const simple = t => t.tHead && t.tHead.rows.length === 1 && t.tBodies.length === 1
    && [...t.rows].every(r => r.cells.length === t.rows[0].cells.length && [...r.cells].every(c => c.colSpan === 1 && c.rowSpan === 1));
  const transpose = t => {
    const rows = [...t.rows];
    const fresh = document.createElement('table');
    fresh.className = `${t.className} pdf-transposed`;
    fresh.dataset.pdfNumber = t.dataset.pdfNumber;
    if (t.caption) fresh.append(t.caption.cloneNode(true));
    const head = fresh.createTHead().insertRow();
    const body = fresh.createTBody();
    rows[0].cells.length && rows.forEach(r => { const th = document.createElement('th'); th.innerHTML = r.cells[0].innerHTML; th.scope = 'col'; head.append(th); });
    for (let j = 1; j < rows[0].cells.length; j++) {
      const row = body.insertRow();
      rows.forEach((r, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        cell.innerHTML = r.cells[j].innerHTML;
        row.append(cell);
      });
    }
    return fresh;
  };
  const split = t => {
    const n = t.rows[0].cells.length;
    const parts = [];
    let cols = [];
    const build = cs => {
      const part = t.cloneNode(true);
      part.removeAttribute('id');
      [...part.rows].forEach(r => [...r.cells].forEach((c, j) => { if (j && !cs.includes(j)) c.remove(); }));
      return part;
    };
    wrap(t, 'pdf-landscape');
    const anchor = document.createComment('split');
    t.replaceWith(anchor);
    for (let j = 1; j < n; j++) {
      const trial = build([...cols, j]);
      anchor.before(trial);
      const fits = minWidth(trial) <= landscape * MM;
      trial.remove();
      if (!fits && cols.length) { parts.push(build(cols)); cols = []; }
      cols.push(j);
    }
    if (cols.length) parts.push(build(cols));
    parts.forEach((p, i) => { if (i && p.caption) p.caption.append(' ', ...fill(words.continued, {part: String(i + 1), parts: String(parts.length)})); anchor.before(p); });
    anchor.remove();
  };
  document.querySelectorAll('.pdf-main table, .pdf-annexes table').forEach(t => {
    if (t.parentElement.closest('table')) return;
    const w = minWidth(t);
    if (w <= portrait * MM) return;
    if (w <= landscape * MM) { wrap(t, 'pdf-landscape'); return; }
    if (simple(t)) {
      const turned = transpose(t);
      t.replaceWith(turned);
      for (const compact of [false, true]) {  // the transposed table, in the usual type, then in compact type
        turned.classList.toggle('pdf-compact', compact);
        const tw = minWidth(turned);
        if (tw <= portrait * MM) return;
        if (tw <= landscape * MM) { wrap(turned, 'pdf-landscape'); return; }
      }
      turned.replaceWith(t);
    }
    split(t);
  });

  // 5b. A source line under each numbered table (its last part) and figure, as in OECD and JRC publications.
  const sourceOf = el => {
    for (let s = el.closest('[data-webid]'); s; s = s.parentElement.closest('[data-webid]')) {
      if (s.dataset.webid in args.sources) return args.sources[s.dataset.webid];
    }
    return args.sources[el.closest('.pdf-chapter')?.dataset.page] ?? args.sources[''];
  };
  const last = new Map();
  document.querySelectorAll('[data-pdf-number]').forEach(el => last.set(el.dataset.pdfNumber, el));
  last.forEach(el => {
    const p = document.createElement('p');
    p.className = 'pdf-source';
    p.textContent = fill(words.source, {source: sourceOf(el)}).join('');
    el.after(p);
  });

  // 6. Contents: every chapter and annex, and every contribution under its chapter.
  const list = document.querySelector('#pdf-contents ol');
  const ids = [];
  const entry = (el, text, cls) => {
    const li = document.createElement('li');
    li.className = cls;
    const a = document.createElement('a');
    a.href = `#${el.id}`;
    a.textContent = text;
    const page = document.createElement('span');
    page.className = 'pdf-page';
    page.textContent = '000';
    li.append(a, page);
    list.append(li);
    ids.push(el.id);
  };
  const wanted = new Set(contributions);
  document.querySelectorAll('.pdf-chapter, .pdf-annex').forEach(section => {
    if (!section.isConnected || !section.closest('.pdf-main, #pdf-annexes')) return;
    const h1 = section.querySelector('h1');
    if (!h1) return;
    h1.id ||= `${section.id}-title`;
    entry(h1, h1.textContent.trim(), section.classList.contains('pdf-annex') ? 'pdf-toc-annex' : 'pdf-toc-chapter');
    section.querySelectorAll('section[data-webid]').forEach(s => {
      const h = s.querySelector(':scope > h2, :scope > h3');
      if (wanted.has(s.dataset.webid) && h) { h.id ||= `${s.id}-title`; entry(h, h.textContent.trim(), 'pdf-toc-contribution'); }
    });
  });
  return {ids, missing};
}
