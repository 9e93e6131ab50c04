/*
 * Token Warden WHM simulator — the page's late boot.
 *
 * WHM 11.120 starts its AngularJS apps through require.js, deferred: the libraries and
 * the app arrive after the document has been parsed, so WHM's own elements appear well
 * after DOMContentLoaded (reference/whm.md §4). This loader plays that: it waits for
 * DOMContentLoaded (plus `data-boot-delay` ms), inserts one <script> per file of
 * `data-scripts`, each after the previous one has run, then bootstraps the module named
 * by `data-app-module` on <body> with strict dependency injection. No `ng-app` anywhere.
 */
(function () {
  'use strict';

  var me = document.currentScript;
  var scripts = (me.getAttribute('data-scripts') || '').split(/\s+/).filter(Boolean);
  var delayMs = Math.max(0, Number(me.getAttribute('data-boot-delay')) || 0);
  var moduleName = me.getAttribute('data-app-module');

  function loadInOrder(list, done) {
    if (!list.length) {
      done();
      return;
    }
    var el = document.createElement('script');
    el.src = list[0];
    el.onload = function () { loadInOrder(list.slice(1), done); };
    // Loud on purpose: a page that cannot boot must fail the tests that drive it.
    el.onerror = function () { throw new Error('The page could not load ' + list[0] + '.'); };
    document.head.appendChild(el);
  }

  function boot() {
    window.angular.bootstrap(document.body, [moduleName], { strictDi: true });
  }

  function start() {
    setTimeout(function () { loadInOrder(scripts, boot); }, delayMs);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
