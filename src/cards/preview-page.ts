import type { AdaptiveCard } from './adaptive-card';

/** One card on the preview page. */
export interface PreviewEntry {
  /** Stable id, used for the section's DOM id and the screenshot's file name ("figure.fi"). */
  name: string;
  /** What the card shows, for the reader of the page. */
  caption: string;
  card: AdaptiveCard;
}

/** What the preview page needs besides the cards: the renderer bundle and the host configs, all inlined. */
export interface PreviewAssets {
  rendererJs: string;
  /** Teams-like host configs: every card is drawn in both, side by side. */
  hostConfigs: { light: unknown; dark: unknown };
}

/** Card widths the page can show: a phone (360 px) and a full-width message in Teams desktop. */
export const PREVIEW_WIDTHS = { phone: 360, full: 900 } as const;

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
 * A self-contained HTML page that renders every card with the adaptivecards JS renderer, in a
 * light and a dark Teams-like host config, at phone width or full width (a switch at the top; the
 * body's data-width says which): no network, the bundle and the cards are inline. Buttons keep
 * to one line and end in "…" when too long, as in Teams. Clicking a button shows the payload the
 * bot gets.
 */
export function cardsPreviewHtml(entries: readonly PreviewEntry[], assets: PreviewAssets): string {
  const sections = entries
    .map(
      (e) => `<section class="entry" id="card-${escapeHtml(e.name)}" data-name="${escapeHtml(e.name)}">
  <h2>${escapeHtml(e.name)} <small>${escapeHtml(e.caption)}</small></h2>
  <div class="variants">
    <div class="variant" data-theme="light"><div class="card-host"></div></div>
    <div class="variant" data-theme="dark"><div class="card-host"></div></div>
  </div>
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
  h1 { font-size: 20px; margin: 0 0 8px; }
  .widths { margin: 0 0 16px; font-size: 14px; }
  .widths button { font: inherit; margin-right: 8px; }
  main { display: flex; flex-direction: column; gap: 24px; }
  .entry h2 { font-size: 13px; font-weight: 600; margin: 0 0 6px; color: #424242; }
  .entry h2 small { font-weight: 400; color: #616161; }
  .variants { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
  .variant { width: ${PREVIEW_WIDTHS.phone}px; }
  body[data-width="full"] .variant { width: ${PREVIEW_WIDTHS.full}px; }
  .variant[data-theme="dark"] { background: #1F1F1F; padding: 8px; margin: -8px 0; border-radius: 8px; }
  .card-host { border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
  .card-host .ac-actionSet { flex-wrap: wrap; gap: 8px; }
  .card-host .ac-pushButton { border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF; color: #242424;
    font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 6px 12px; cursor: pointer; flex: 0 1 auto !important;
    max-width: 100%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .card-host .ac-pushButton:hover { background: #F5F5F5; }
  .variant[data-theme="dark"] .ac-pushButton { background: #292929; color: #FFFFFF; border-color: #666666; }
  .variant[data-theme="dark"] .ac-pushButton:hover { background: #3D3D3D; }
  .action-log { font-size: 11px; background: #FFFFFF; padding: 8px; white-space: pre-wrap; word-break: break-word; }
  .render-error { color: #B10E1C; padding: 12px; }
</style>
</head>
<body data-width="phone">
<h1>Budget bot · Adaptive Cards preview (${entries.length} cards, light and dark)</h1>
<p class="widths">Width: <button type="button" data-set-width="phone">phone (${PREVIEW_WIDTHS.phone} px)</button><button type="button" data-set-width="full">full width (${PREVIEW_WIDTHS.full} px)</button></p>
<main>
${sections}
</main>
<script>${assets.rendererJs.replace(/<\/script/gi, '<\\/script')}</script>
<script type="application/json" id="cards-data">${scriptSafeJson(entries.map((e) => ({ name: e.name, card: e.card })))}</script>
<script type="application/json" id="host-configs">${scriptSafeJson(assets.hostConfigs)}</script>
<script>
(function () {
  var AC = window.AdaptiveCards;
  var entries = JSON.parse(document.getElementById('cards-data').textContent);
  var configs = JSON.parse(document.getElementById('host-configs').textContent);
  var hostConfigs = { light: new AC.HostConfig(configs.light), dark: new AC.HostConfig(configs.dark) };
  var rendered = 0;
  document.querySelectorAll('[data-set-width]').forEach(function (b) {
    b.addEventListener('click', function () { document.body.setAttribute('data-width', b.getAttribute('data-set-width')); });
  });
  entries.forEach(function (entry) {
    var section = document.querySelector('[data-name="' + entry.name + '"]');
    var log = section.querySelector('.action-log');
    var ok = true;
    section.querySelectorAll('.variant').forEach(function (variant) {
      var host = variant.querySelector('.card-host');
      try {
        var card = new AC.AdaptiveCard();
        card.hostConfig = hostConfigs[variant.getAttribute('data-theme')];
        card.onExecuteAction = function (action) {
          log.hidden = false;
          log.textContent = JSON.stringify({ verb: action.verb, data: action.data }, null, 2);
        };
        card.parse(entry.card, new AC.SerializationContext(AC.Versions.v1_5));
        host.appendChild(card.render());
      } catch (err) {
        ok = false;
        host.innerHTML = '<div class="render-error"></div>';
        host.firstChild.textContent = String(err);
      }
    });
    section.setAttribute('data-rendered', ok ? 'true' : 'error');
    if (ok) rendered++;
  });
  document.body.setAttribute('data-cards-rendered', String(rendered));
})();
</script>
</body>
</html>
`;
}
