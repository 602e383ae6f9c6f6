import type { AdaptiveCard } from './adaptive-card';

/** One card on the preview page. */
export interface PreviewEntry {
  /** Stable id, used for the section's DOM id and the screenshot's file name ("figure.fi"). */
  name: string;
  /** What the card shows, for the reader of the page. */
  caption: string;
  card: AdaptiveCard;
}

/** What the preview page needs besides the cards: the renderer bundle and a host config, both inlined. */
export interface PreviewAssets {
  rendererJs: string;
  hostConfig: unknown;
  /** Width of each card in CSS pixels: a phone is about 360–420. */
  width?: number;
}

// JSON inside <script> must not be able to close the tag or open a comment: user text in the
// cards ("</script>", "<!--") is data too.
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A self-contained HTML page that renders every card with the adaptivecards JS renderer: no
 * network, the bundle and the cards are inline. Clicking a button shows the payload the bot gets.
 */
export function cardsPreviewHtml(entries: readonly PreviewEntry[], assets: PreviewAssets): string {
  const width = assets.width ?? 400;
  const sections = entries
    .map(
      (e) => `<section class="entry" id="card-${escapeHtml(e.name)}" data-name="${escapeHtml(e.name)}">
  <h2>${escapeHtml(e.name)} <small>${escapeHtml(e.caption)}</small></h2>
  <div class="card-host"></div>
  <pre class="action-log" hidden></pre>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Budget bot cards preview</title>
<style>
  body { margin: 0; padding: 24px; background: #EBEBEB; font-family: 'Segoe UI', 'DejaVu Sans', system-ui, sans-serif; color: #242424; }
  h1 { font-size: 20px; margin: 0 0 16px; }
  main { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
  .entry { width: ${width}px; }
  .entry h2 { font-size: 13px; font-weight: 600; margin: 0 0 6px; color: #424242; }
  .entry h2 small { font-weight: 400; color: #616161; }
  .card-host { background: #FFFFFF; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
  .card-host .ac-pushButton { border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF; color: #242424;
    font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 6px 12px; cursor: pointer; white-space: normal; }
  .card-host .ac-pushButton:hover { background: #F5F5F5; }
  .action-log { font-size: 11px; background: #FFFFFF; padding: 8px; white-space: pre-wrap; word-break: break-word; }
  .render-error { color: #B10E1C; padding: 12px; }
</style>
</head>
<body>
<h1>Budget bot · Adaptive Cards preview (${entries.length} cards)</h1>
<main>
${sections}
</main>
<script>${assets.rendererJs.replace(/<\/script/gi, '<\\/script')}</script>
<script type="application/json" id="cards-data">${scriptSafeJson(entries.map((e) => ({ name: e.name, card: e.card })))}</script>
<script type="application/json" id="host-config">${scriptSafeJson(assets.hostConfig)}</script>
<script>
(function () {
  var AC = window.AdaptiveCards;
  var entries = JSON.parse(document.getElementById('cards-data').textContent);
  var hostConfig = new AC.HostConfig(JSON.parse(document.getElementById('host-config').textContent));
  var rendered = 0;
  entries.forEach(function (entry) {
    var section = document.querySelector('[data-name="' + entry.name + '"]');
    var host = section.querySelector('.card-host');
    var log = section.querySelector('.action-log');
    try {
      var card = new AC.AdaptiveCard();
      card.hostConfig = hostConfig;
      card.onExecuteAction = function (action) {
        log.hidden = false;
        log.textContent = JSON.stringify(action.data, null, 2);
      };
      card.parse(entry.card, new AC.SerializationContext(AC.Versions.v1_5));
      host.appendChild(card.render());
      section.setAttribute('data-rendered', 'true');
      rendered++;
    } catch (err) {
      host.innerHTML = '<div class="render-error"></div>';
      host.firstChild.textContent = String(err);
      section.setAttribute('data-rendered', 'error');
    }
  });
  document.body.setAttribute('data-cards-rendered', String(rendered));
})();
</script>
</body>
</html>
`;
}
