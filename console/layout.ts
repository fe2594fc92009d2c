import type { OperatorRole } from '../erp/services/operators';
import { html, type Html } from './html';

export interface PageViewer {
  username: string;
  role: OperatorRole;
  csrfToken: string;
}

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

const NAV: readonly [string, string][] = [
  ['/', 'Overview'],
  ['/orders-to-import', 'Orders to import'],
  ['/problems', 'Orders with problems'],
  ['/orders', 'All orders'],
  ['/shipments', 'Shipments not synced'],
  ['/refunds', 'Refunds awaiting a credit memo'],
  ['/shops', 'Shop cards and mappings'],
  ['/schedules', 'Schedules'],
];

/** Every console page: navigation, who is signed in, the outcome of the last action, the page. */
export function page(options: {
  title: string;
  path: string;
  viewer?: PageViewer;
  flash?: Flash | undefined;
  body: Html;
  poll?: boolean;
}): Html {
  const { viewer } = options;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · orderbridge</title>
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer></script>
      </head>
      <body>
        <header>
          <strong>orderbridge</strong>
          ${
            viewer
              ? html`<nav aria-label="Pages">
                    <ul>
                      ${NAV.map(
                        ([href, label]) =>
                          html`<li>
                            <a href="${href}" ${href === options.path ? html`aria-current="page"` : ''}
                              >${label}</a
                            >
                          </li>`,
                      )}
                    </ul>
                  </nav>
                  <div class="who">
                    <span>${viewer.username} (${viewer.role})</span>
                    <form method="post" action="/logout" class="inline">
                      <input type="hidden" name="_csrf" value="${viewer.csrfToken}" />
                      <button type="submit">Sign out</button>
                    </form>
                  </div>`
              : ''
          }
        </header>
        <div id="outcome" role="status" aria-live="polite">
          ${
            options.flash
              ? html`<div class="flash ${options.flash.kind}" data-outcome="${options.flash.kind}">
                  ${options.flash.text}
                </div>`
              : ''
          }
        </div>
        <main id="live" data-poll="${options.poll === false ? 'off' : 'on'}">
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html>`;
}

/** A hidden CSRF field for a form. */
export function csrfField(viewer: PageViewer): Html {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}" />`;
}

/** Forms that change something are shown to operators only (the server refuses viewers anyway). */
export function canAct(viewer: PageViewer): boolean {
  return viewer.role === 'operator';
}
