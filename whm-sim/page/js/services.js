/*
 * Token Warden WHM simulator — services: the json-api client, the list the page loaded
 * last, and growl-style notifications (reference/whm.md §1, §4).
 */
(function (angular) {
  'use strict';

  var app = angular.module('whmApiTokens');

  /**
   * WHM API 1 from the page, as WHM's own UI calls it: POST, form-urlencoded, to
   * /cpsessN/json-api/<fn>, with `api.version=1` in the BODY and no query string.
   */
  app.factory('whmApi', ['$http', '$q', 'rootVars', function ($http, $q, rootVars) {
    /** Arrays become name-0, name-1, … as WHM's own UI sends them. */
    function encode(params) {
      var parts = ['api.version=1'];
      Object.keys(params || {}).forEach(function (key) {
        var value = params[key];
        if (Array.isArray(value)) {
          value.forEach(function (item, i) {
            parts.push(encodeURIComponent(key + '-' + i) + '=' + encodeURIComponent(String(item)));
          });
        } else if (value !== undefined && value !== null) {
          parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)));
        }
      });
      return parts.join('&');
    }

    function call(fn, params) {
      var url = rootVars.directoryPrefix + '/json-api/' + encodeURIComponent(fn);
      return $http.post(url, encode(params), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      }).then(function (response) {
        var body = response.data;
        if (!body || typeof body !== 'object' || body.cpanelresult || !body.metadata) {
          return $q.reject({ reason: 'The server did not answer with a WHM API 1 response. Your session may have expired: log in again.' });
        }
        if (Number(body.metadata.result) !== 1) {
          return $q.reject({ reason: body.metadata.reason || 'The API call “' + fn + '” failed.', metadata: body.metadata });
        }
        return body.data === undefined ? {} : body.data;
      }, function (response) {
        var status = response && response.status;
        return $q.reject({
          reason: status > 0
            ? 'The server answered HTTP ' + status + '. Your session may have expired: log in again.'
            : 'The server could not be reached.',
        });
      });
    }

    function reasonOf(error) {
      return (error && error.reason) || 'An unknown error occurred.';
    }

    /**
     * data.tokens (object keyed by name, or array) → array of token objects. Each gets
     * `index`, its position in the list as loaded: the table tracks rows by it.
     */
    function tokensFromList(data) {
      var raw = data && data.tokens;
      var list = [];
      if (Array.isArray(raw)) {
        list = raw.slice();
      } else if (raw && typeof raw === 'object') {
        list = Object.keys(raw).map(function (key) {
          var t = raw[key] || {};
          return angular.extend({}, t, { name: t.name || key });
        });
      }
      return list.filter(function (t) { return t && typeof t.name === 'string'; }).map(function (t, index) {
        var acls = t.acls && typeof t.acls === 'object' && !Array.isArray(t.acls) ? angular.extend({}, t.acls) : {};
        delete acls.demo; // WHM's page drops this pseudo-ACL from the map
        return {
          index: index,
          name: t.name,
          create_time: Number(t.create_time) || 0,
          expires_at: t.expires_at === null || t.expires_at === undefined || Number(t.expires_at) === 0 ? null : Number(t.expires_at),
          whitelist_ips: Array.isArray(t.whitelist_ips) && t.whitelist_ips.length ? t.whitelist_ips.map(String) : null,
          acls: acls,
        };
      });
    }

    /**
     * myprivs → { holdsAll, held: { acl: true } }. WHM 11.120 answers root (any holder of
     * `all`) with `all: 1` and every other ACL 0: `holdsAll` means "holds the whole catalogue".
     */
    function privilegesFrom(data) {
      var privs = data && data.privileges;
      if (Array.isArray(privs)) privs = privs[0];
      privs = privs && typeof privs === 'object' ? privs : {};
      var held = {};
      Object.keys(privs).forEach(function (acl) {
        if (Number(privs[acl]) === 1 && acl !== 'demo') held[acl] = true;
      });
      return { holdsAll: held.all === true, held: held };
    }

    return { call: call, reasonOf: reasonOf, tokensFromList: tokensFromList, privilegesFrom: privilegesFrom };
  }]);

  /**
   * The token list and privileges the page loaded last. Home loads both on every visit;
   * Generate and Edit build their forms from what is here without asking again (WHM's
   * Edit reads the token's ACL map from the list it already has), and load it only when
   * the page was opened straight on the form.
   */
  app.factory('tokenStore', ['$q', 'whmApi', function ($q, whmApi) {
    var store = { tokens: null, privs: null };

    /** api_token_list and myprivs together; resolves when both have answered. */
    store.load = function () {
      return $q.all([whmApi.call('api_token_list'), whmApi.call('myprivs')]).then(function (results) {
        store.tokens = whmApi.tokensFromList(results[0]);
        store.privs = whmApi.privilegesFrom(results[1]);
        return store;
      });
    };

    /** The stored data, or a fresh load when the page has none yet. */
    store.ensureLoaded = function () {
      return store.tokens && store.privs ? $q.resolve(store) : store.load();
    };

    /** After WHM's own revoke: the names leave the list without listing again. */
    store.remove = function (names) {
      if (!store.tokens) return;
      store.tokens = store.tokens.filter(function (t) { return names.indexOf(t.name) === -1; });
    };

    return store;
  }]);

  app.factory('growl', ['$timeout', function ($timeout) {
    var messages = [];
    var nextId = 1;
    function remove(message) {
      var i = messages.indexOf(message);
      if (i >= 0) messages.splice(i, 1);
    }
    function add(type, text, ttlMs) {
      var message = { id: nextId++, type: type, text: text };
      messages.push(message);
      while (messages.length > 5) messages.shift();
      if (ttlMs) $timeout(function () { remove(message); }, ttlMs);
      return message;
    }
    return {
      messages: messages,
      success: function (text) { return add('success', text, 8000); },
      info: function (text) { return add('info', text, 8000); },
      error: function (text) { return add('danger', text, 0); },
      remove: remove,
    };
  }]);

  app.directive('growl', ['growl', function (growl) {
    return {
      restrict: 'A',
      templateUrl: 'apitokens/growl.html',
      link: function (scope) {
        scope.growl = { messages: growl.messages, dismiss: growl.remove };
      },
    };
  }]);
})(window.angular);
