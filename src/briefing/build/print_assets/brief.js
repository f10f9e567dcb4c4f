// The brief's PDF after layout.js: moves the entries of the works the brief and its key messages cite (layout.js has
// pointed each citation at its entry on the hidden reference page) into the brief's own reference list, in the
// reference page's order, with the organiser's report's entry (reportEntry) when a statement is labelled as resting on
// the report (reportMark), which cites it without a link; drops the overview and reference pages, the unused contents
// list and the landing page's abstract in the other language that follows the key messages; then points each link
// whose target went with them at the published address (or leaves its text alone: without a published address no link
// leads off the paper).
({base, reportEntry, reportMark}) => {
  const sources = document.querySelector('#pdf-brief-sources');
  const list = document.querySelector('#pdf-brief-references');
  const cited = new Set();
  document.querySelectorAll('a[href^="#"]').forEach(a => {
    if (sources && sources.contains(a)) return;
    const entry = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))?.closest('.citation');
    if (entry && sources && sources.contains(entry)) cited.add(entry);
  });
  const report = sources && reportEntry ? sources.querySelector(`.citation.${CSS.escape(reportEntry)}`) : null;
  if (report && [...document.getElementsByClassName(reportMark)].some(e => !sources.contains(e))) cited.add(report);
  if (list && sources) {
    const box = list.querySelector('.citation-list');
    sources.querySelectorAll('.citation').forEach(entry => { if (cited.has(entry)) box.append(entry); });
    if (!box.children.length) list.remove();
  }
  document.querySelectorAll('#pdf-brief-sources, #pdf-contents, #pdf-key-messages .briefing-abstract, #pdf-key-messages .briefing-abstract-lead').forEach(e => e.remove());
  document.querySelectorAll('a[href^="#"]').forEach(a => {
    if (document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))) return;
    if (base && a.dataset.web) a.setAttribute('href', base + a.dataset.web);
    else a.replaceWith(...a.childNodes);
  });
}
