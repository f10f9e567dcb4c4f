// The long words of the print edition's narrow columns (table cells and captions), by the language they are in, so
// that the printer can hyphenate them with soft hyphens (Chromium on Linux has no hyphenation dictionaries).
(selector) => {
  const words = {};
  const fallback = document.documentElement.lang || 'en';
  document.querySelectorAll(selector).forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const lang = node.parentElement.closest('[lang]')?.getAttribute('lang') || fallback;
      for (const m of node.textContent.matchAll(/[\p{L}\p{M}]{8,}/gu)) (words[lang] ||= []).push(m[0]);
    }
  });
  Object.keys(words).forEach(lang => { words[lang] = [...new Set(words[lang])]; });
  return words;
}
