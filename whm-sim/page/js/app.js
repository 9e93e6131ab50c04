/*
 * Token Warden WHM simulator — the Manage API Tokens app: module, routes, page facts.
 * Written from the facts in reference/whm.md §4; no cPanel code. The same files run on
 * AngularJS 1.4.4 + UI Bootstrap 1.2.5 (WHM 11.120) and 1.8.3 + UI Bootstrap 2.5.6, so
 * they use only what 1.4 has (no components, no $onInit) and UI Bootstrap's `uib-` API.
 *
 * Everything the user changes reaches the scope through ng-model, i.e. through the DOM
 * events AngularJS listens to (in 1.4 checkboxes and radios update on `click` only). A
 * script that sets `.checked` or `.value` without an event changes nothing that gets
 * sent — the same as on a real WHM.
 *
 * Files (loaded in this order by loader.js): app.js (this), services.js (json-api client,
 * the loaded list, growl), acl-catalog.js, directives.js, home.js (the table), edit.js
 * (Generate / Edit form).
 */
(function (angular) {
  'use strict';

  var app = angular.module('whmApiTokens', ['ngRoute', 'ngAnimate', 'ngAria', 'ui.bootstrap']);

  app.config(['$routeProvider', '$locationProvider', '$compileProvider',
    function ($routeProvider, $locationProvider, $compileProvider) {
      // WHM runs without debug info: no ng-scope classes, no element.scope().
      $compileProvider.debugInfoEnabled(false);
      $locationProvider.html5Mode(true);
      // One route for Generate (edit) and Edit (edit/<name>), as in WHM.
      $routeProvider
        .when('/home', { templateUrl: 'apitokens/home.html', controller: 'HomeController', controllerAs: 'vm' })
        .when('/edit/:name?', { templateUrl: 'apitokens/edit.html', controller: 'EditController', controllerAs: 'vm' })
        .otherwise({ redirectTo: '/home' });
    }]);

  /** Small pure helpers shared by the controllers and directives. */
  app.constant('pageUtil', {
    MAX_WHITELIST_IPS: 100,
    /** The chosen day at 23:59:59.999 local time, as WHM sends it. */
    endOfDay: function (date) {
      var d = new Date(date.getTime());
      d.setHours(23, 59, 59, 999);
      return d;
    },
    /** The allowlist textarea: entries separated by commas or whitespace. */
    splitIps: function (text) {
      return String(text || '').split(/[\s,]+/).filter(function (s) { return s.length > 0; });
    },
  });

  /** The attributes of <cp-root-variables>, WHM's per-page session facts. */
  app.factory('rootVars', ['$document', function ($document) {
    var el = $document[0].querySelector('cp-root-variables');
    function attr(name) { return el ? el.getAttribute(name) || '' : ''; }
    var serverTime = el && el.hasAttribute('server-time') ? Number(attr('server-time')) : NaN;
    return {
      user: attr('user'),
      directoryPrefix: attr('directory-prefix'),
      hostName: attr('host-name'),
      version: attr('version'),
      serverTime: isFinite(serverTime) ? serverTime : null,
    };
  }]);

  /** What the server says about this page beyond WHM's root variables (a JSON block). */
  app.factory('pageData', ['$document', function ($document) {
    var el = $document[0].getElementById('apitokens-page-data');
    var data = null;
    try { data = el ? JSON.parse(el.textContent || 'null') : null; } catch (e) { data = null; }
    return { childAccountsExist: !!(data && data.childAccountsExist === true) };
  }]);

  /**
   * "Now" for the page. The simulator may run on a frozen clock; when it tells us its time
   * (`server-time`, Unix seconds) we keep the same offset from the browser clock.
   */
  app.factory('pageClock', ['rootVars', function (rootVars) {
    var offsetMs = rootVars.serverTime === null ? 0 : rootVars.serverTime * 1000 - Date.now();
    function now() { return Date.now() + offsetMs; }
    return {
      now: now,
      nowSeconds: function () { return Math.floor(now() / 1000); },
      /** Local midnight of today, by the page clock. */
      today: function () { var d = new Date(now()); d.setHours(0, 0, 0, 0); return d; },
    };
  }]);
})(window.angular);
