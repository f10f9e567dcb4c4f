// The brief's PDF before layout.js: on paper a link cannot be followed, so each link of the brief and its key messages
// (printed: the parts the selectors name) that leads to a part of the book the PDF does not hold names the chapter it
// leads to after it ("Rasmus C. Beck in “The Ruhr stakeholders”"), as the Word file does. Not named: a link to a part
// the PDF prints, to a page it prints from as a whole (pages), to a work of the reference list (its own list has it),
// a link whose words are the chapter's title, and each link of a row into one chapter but the last (links separated by
// nothing but commas, semicolons and spaces: the chapter is named once, after the row).
({titles, pages, printed, words}) => {
  const parts = [...document.querySelectorAll(printed.join(','))];
  const inPrint = e => parts.some(p => p.contains(e));
  const squashed = s => s.replace(/\s+/g, ' ').trim();
  const leadsTo = a => {
    const [path, frag] = a.dataset.web.split('#');
    if (!(path in titles)) return null;
    if (!frag) return pages.includes(path) ? null : path;
    const id = CSS.escape(decodeURIComponent(frag));
    const target = document.querySelector(`.pdf-chapter[data-page="${CSS.escape(path)}"] [data-webid="${id}"]`);
    return target && (inPrint(target) || target.closest('.citation')) ? null : path;
  };
  const marked = [...document.querySelectorAll('a[data-web]')].filter(inPrint).map(a => [a, leadsTo(a)]).filter(([, p]) => p);
  const separator = n => n.nodeType === Node.TEXT_NODE && /^[\s,;]*$/.test(n.textContent);
  const inRow = (a, next) => {
    if (a.parentNode !== next.parentNode) return false;
    for (let n = a.nextSibling; n && n !== next; n = n.nextSibling) if (!separator(n)) return false;
    return true;
  };
  marked.forEach(([a, path], i) => {
    const [next, nextPath] = marked[i + 1] || [];
    if (next && nextPath === path && inRow(a, next)) return;
    const title = squashed(titles[path]);
    if (squashed(a.textContent).includes(title)) return;
    a.after(document.createTextNode(' ' + words.in.replace('{chapter}', title)));
  });
}
