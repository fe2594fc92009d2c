/** The console's one stylesheet and one script, served from memory (no build step, no files to find). */
export const CONSOLE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #f6f6f4; }
body { margin: 0; }
header { background: #1f3a4d; color: #fff; padding: .5rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
header a { color: #fff; }
header nav ul { list-style: none; display: flex; gap: .8rem; margin: 0; padding: 0; flex-wrap: wrap; }
header .who { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
main { padding: 1rem; }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; background: #fff; width: 100%; margin-bottom: 1rem; }
th, td { border: 1px solid #d5d5d0; padding: .3rem .5rem; text-align: left; vertical-align: top; font-size: .9rem; }
th { background: #ecece8; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
.card { background: #fff; border: 1px solid #d5d5d0; padding: .8rem; }
.flash { padding: .6rem .8rem; margin-bottom: 1rem; border: 1px solid; background: #fff; white-space: pre-wrap; }
.flash.ok { border-color: #2e7d32; } .flash.error { border-color: #b3261e; }
.problem { color: #8a1c12; } .warning { color: #7a5a00; }
form.inline { display: inline-flex; gap: .3rem; align-items: center; margin: .15rem 0; flex-wrap: wrap; }
form.filters { display: flex; gap: .6rem; flex-wrap: wrap; align-items: end; margin-bottom: 1rem; }
form.filters label, form.stacked label { display: flex; flex-direction: column; font-size: .85rem; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.pager { display: flex; gap: 1rem; }
.muted { color: #666; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

/**
 * Pages follow changes by polling: every few seconds the page is fetched again and its <main> is
 * replaced, unless the operator is typing, has ticked a box or has a form half filled.
 */
export const CONSOLE_JS = `
(function () {
  var main = document.getElementById('live');
  if (!main || main.dataset.poll === 'off') return;
  var every = Number(main.dataset.pollMs || 5000);
  function busy() {
    var active = document.activeElement;
    if (active && main.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) return true;
    var fields = main.querySelectorAll('input, select, textarea');
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if ((field.type === 'checkbox' || field.type === 'radio') && field.checked !== field.defaultChecked) return true;
      if (field.type !== 'checkbox' && field.type !== 'radio' && field.type !== 'hidden' && field.value !== field.defaultValue) return true;
    }
    return false;
  }
  function refresh() {
    if (document.hidden || busy()) return;
    fetch(location.href, { headers: { 'X-Console-Poll': '1' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok && !response.redirected ? response.text() : null; })
      .then(function (text) {
        if (!text || busy()) return;
        var next = new DOMParser().parseFromString(text, 'text/html').getElementById('live');
        if (next && next.innerHTML !== main.innerHTML) main.innerHTML = next.innerHTML;
      })
      .catch(function () {});
  }
  setInterval(refresh, every);
})();
`;
