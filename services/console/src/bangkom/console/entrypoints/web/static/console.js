// Live parts of a page: an element with data-refresh is fetched again every few
// seconds and replaced when it changed, unless the person is typing in it. Without
// JavaScript the page still works; it is only not live.
(function () {
  const PERIOD_MS = 2000;
  document.querySelectorAll("[data-refresh]").forEach((part) => {
    let last = part.innerHTML;
    setInterval(async () => {
      if (part.contains(document.activeElement) && document.activeElement.tagName === "INPUT") {
        return;
      }
      try {
        const response = await fetch(part.dataset.refresh, { credentials: "same-origin" });
        if (!response.ok) return;
        const html = await response.text();
        if (html !== last) {
          part.innerHTML = html;
          last = html;
        }
      } catch (_) {
        // the next round tries again
      }
    }, PERIOD_MS);
  });
})();
