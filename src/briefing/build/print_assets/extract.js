// One built page's article as it goes into the print edition: no controls, ids made unique with the
// page's slug, and every link's web target kept (data-web: a path of the book; data-ext: elsewhere).
(slug) => {
  // A paged table (a large dataset) shows all its rows first; DataTables comes with itables' jQuery.
  const jq = window.jQuery || window.$;
  if (jq && jq.fn && jq.fn.dataTable) {
    document.querySelectorAll('table').forEach(t => {
      if (!jq.fn.dataTable.isDataTable(t)) return;
      const api = jq(t).DataTable();
      const info = api.page.info();  // undefined for the facet panes' own small tables
      if (info && info.pages > 1) api.page.len(-1).draw(false);
    });
  }
  const article = document.querySelector('article.bd-article') || document.querySelector('article');
  const copy = article.cloneNode(true);
  copy.querySelectorAll([
    '.dt-buttons', '.dt-search', '.dtsp-panesContainer', '.dtsp-titleRow', '.dt-info', '.dt-paging', '.dt-column-order',
    '.headerlink', 'button', 'script', 'style', 'noscript', 'table[hidden]', '[id$="_fallback"]', '.screen-only',
    '.copybtn', '.toggle-details__summary', '.widget-container', '.jupyter-widgets', '.briefing-scroll-hint',
  ].join(',')).forEach(e => e.remove());
  // Column widths fixed for the screen by DataTables would override the print layout.
  copy.querySelectorAll('colgroup').forEach(e => e.remove());
  copy.querySelectorAll('table, th, td').forEach(e => ['width', 'min-width', 'max-width'].forEach(p => e.style.removeProperty(p)));
  copy.querySelectorAll('img[src]').forEach(img => img.setAttribute('src', img.src));
  copy.querySelectorAll('a[href]').forEach(a => {
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin === location.origin) a.dataset.web = decodeURIComponent(url.pathname.replace(/^\/+/, '')) + url.hash;
    else a.dataset.ext = url.href;
    a.removeAttribute('href');
  });
  copy.querySelectorAll('[id]').forEach(e => { e.dataset.webid = e.id; e.id = `${slug}--${e.id}`; });
  for (const attr of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls']) {
    copy.querySelectorAll(`[${attr}]`).forEach(e => e.setAttribute(attr, e.getAttribute(attr).split(/\s+/).map(i => `${slug}--${i}`).join(' ')));
  }
  return [document.title.split(' — ')[0], copy.innerHTML];
}
