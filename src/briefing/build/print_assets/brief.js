// The brief's PDF after layout.js: drops the overview page it took the key messages from, the unused contents list
// and the landing page's abstract in the other language that follows the key messages, then points each link whose
// target went with them at the published address (or leaves its text alone).
(base) => {
  document.querySelectorAll('#pdf-brief-sources, #pdf-contents, #pdf-key-messages .briefing-abstract').forEach(e => e.remove());
  document.querySelectorAll('a[href^="#"]').forEach(a => {
    if (document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))) return;
    if (base && a.dataset.web) a.setAttribute('href', base + a.dataset.web);
    else a.replaceWith(...a.childNodes);
  });
}
