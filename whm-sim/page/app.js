/*
 * Token Warden WHM simulator — the Manage API Tokens page (AngularJS 1.8, ngRoute,
 * UI Bootstrap). Written from the facts in reference/whm.md §4; no cPanel code.
 *
 * Everything the user changes reaches the scope through ng-model, i.e. through the DOM
 * events AngularJS listens to. A script that sets `.checked` or `.value` without an event
 * changes nothing that gets sent — the same as on a real WHM.
 */
(function (angular) {
  'use strict';

  var TOKEN_NAME_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
  var MAX_WHITELIST_IPS = 100;

  var app = angular.module('whmApiTokens', ['ngRoute', 'ui.bootstrap']);

  app.config(['$routeProvider', '$locationProvider', '$compileProvider',
    function ($routeProvider, $locationProvider, $compileProvider) {
      $compileProvider.debugInfoEnabled(false);
      $locationProvider.html5Mode(true);
      $routeProvider
        .when('/home', { templateUrl: 'apitokens/home.html', controller: 'HomeController', controllerAs: 'vm' })
        .when('/edit', { templateUrl: 'apitokens/edit.html', controller: 'EditController', controllerAs: 'vm' })
        .when('/edit/:name', { templateUrl: 'apitokens/edit.html', controller: 'EditController', controllerAs: 'vm' })
        .otherwise({ redirectTo: '/home' });
    }]);

  // ---------------------------------------------------------------------------------
  // Page shell data
  // ---------------------------------------------------------------------------------

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

  /** The chosen day at 23:59:59.999 local time, as WHM sends it. */
  function endOfDay(date) {
    var d = new Date(date.getTime());
    d.setHours(23, 59, 59, 999);
    return d;
  }

  function sameLocalDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  // ---------------------------------------------------------------------------------
  // json-api client (POST, form-urlencoded, WHM API 1 envelope)
  // ---------------------------------------------------------------------------------

  app.factory('whmApi', ['$http', '$q', 'rootVars', function ($http, $q, rootVars) {
    /** Arrays become name-0, name-1, … as WHM's own UI sends them. */
    function encode(params) {
      var parts = [];
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
      var url = rootVars.directoryPrefix + '/json-api/' + encodeURIComponent(fn) + '?api.version=1';
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

    /** data.tokens (object keyed by name, or array) → array of token objects. */
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
      return list.filter(function (t) { return t && typeof t.name === 'string'; }).map(function (t) {
        return {
          name: t.name,
          create_time: Number(t.create_time) || 0,
          expires_at: t.expires_at === null || t.expires_at === undefined || Number(t.expires_at) === 0 ? null : Number(t.expires_at),
          whitelist_ips: Array.isArray(t.whitelist_ips) && t.whitelist_ips.length ? t.whitelist_ips.map(String) : null,
          acls: t.acls && typeof t.acls === 'object' ? t.acls : {},
        };
      });
    }

    /** myprivs → { isRoot, held: { acl: true } } */
    function privilegesFrom(data) {
      var privs = data && data.privileges;
      if (Array.isArray(privs)) privs = privs[0];
      privs = privs && typeof privs === 'object' ? privs : {};
      var held = {};
      Object.keys(privs).forEach(function (acl) {
        if (Number(privs[acl]) === 1) held[acl] = true;
      });
      return { isRoot: held.all === true, held: held };
    }

    return { call: call, reasonOf: reasonOf, tokensFromList: tokensFromList, privilegesFrom: privilegesFrom };
  }]);

  // ---------------------------------------------------------------------------------
  // Privilege catalogue (embedded by the server; titles and grouping only)
  // ---------------------------------------------------------------------------------

  app.factory('aclCatalog', ['$document', function ($document) {
    function read() {
      var el = $document[0].getElementById('acl-catalog');
      if (!el) return null;
      try { return JSON.parse(el.textContent || 'null'); } catch (e) { return null; }
    }

    /** Array, or an object keyed by name (value = object or title string) → array. */
    function asList(value) {
      if (Array.isArray(value)) return value;
      if (value && typeof value === 'object') {
        return Object.keys(value).map(function (key) {
          var v = value[key];
          if (typeof v === 'string') return { name: key, title: v };
          return angular.extend({ name: key }, v || {});
        });
      }
      return [];
    }

    function text(value, fallback) {
      return typeof value === 'string' && value ? value : fallback;
    }

    function normalizeAcl(raw) {
      if (typeof raw === 'string') return { name: raw, title: raw, warning: null };
      if (!raw || typeof raw !== 'object') return null;
      var name = text(raw.name, text(raw.acl, text(raw.id, text(raw.key, ''))));
      if (!name) return null;
      return {
        name: name,
        title: text(raw.title, text(raw.label, text(raw.description, name))),
        warning: text(raw.warning, text(raw.warn, null)),
      };
    }

    function normalizeSubcategory(raw, fallbackName) {
      if (!raw || typeof raw !== 'object') return null;
      var name = text(raw.name, text(raw.id, text(raw.key, fallbackName)));
      var acls = asList(raw.acls || raw.privileges || raw.items || raw.children).map(normalizeAcl).filter(Boolean);
      return { name: name, title: text(raw.title, text(raw.label, name)), acls: acls };
    }

    function normalizeCategory(raw, index) {
      if (!raw || typeof raw !== 'object') return null;
      var name = text(raw.name, text(raw.id, text(raw.key, 'category-' + index)));
      var title = text(raw.title, text(raw.label, name));
      var subsRaw = raw.subcategories || raw.subCategories || raw.subcats || raw.groups || raw.sections;
      var subs;
      if (subsRaw) {
        subs = asList(subsRaw).map(function (s, i) { return normalizeSubcategory(s, name + '-' + i); }).filter(Boolean);
      } else {
        subs = [normalizeSubcategory({ name: name, title: title, acls: raw.acls || raw.privileges || raw.items }, name)].filter(Boolean);
      }
      return { name: name, title: title, subcategories: subs };
    }

    function categories() {
      var raw = read();
      if (raw && !Array.isArray(raw) && typeof raw === 'object' && (raw.categories || raw.catalog)) {
        raw = raw.categories || raw.catalog;
      }
      return asList(raw).map(normalizeCategory).filter(Boolean);
    }

    /**
     * The categories the caller may grant: only ACLs myprivs says they hold (`all` only for
     * root); held ACLs the catalogue does not know go to an extra group, titled by name.
     */
    function grantable(privs) {
      var seen = {};
      var result = [];
      categories().forEach(function (cat) {
        var subs = cat.subcategories.map(function (sub) {
          var acls = sub.acls.filter(function (acl) {
            if (seen[acl.name]) return false;
            var ok = acl.name === 'all' ? privs.isRoot : (privs.isRoot || privs.held[acl.name] === true);
            if (ok) seen[acl.name] = true;
            return ok;
          });
          return { name: sub.name, title: sub.title, acls: acls };
        }).filter(function (sub) { return sub.acls.length > 0; });
        if (subs.length) result.push({ name: cat.name, title: cat.title, subcategories: subs });
      });
      var extra = Object.keys(privs.held).filter(function (acl) {
        return !seen[acl] && acl !== 'demo' && (acl !== 'all' || privs.isRoot);
      }).sort();
      if (extra.length) {
        var others = {
          name: 'other', title: 'Other Privileges',
          subcategories: [{
            name: 'other', title: 'Other',
            acls: extra.map(function (acl) { return { name: acl, title: acl, warning: null }; }),
          }],
        };
        // Keep "Everything" (root) last.
        var last = result[result.length - 1];
        if (last && last.subcategories.some(function (s) { return s.acls.some(function (a) { return a.name === 'all'; }); })) {
          result.splice(result.length - 1, 0, others);
        } else {
          result.push(others);
        }
      }
      return result;
    }

    return { categories: categories, grantable: grantable };
  }]);

  // ---------------------------------------------------------------------------------
  // Growl-style notifications
  // ---------------------------------------------------------------------------------

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

  // ---------------------------------------------------------------------------------
  // Small directives
  // ---------------------------------------------------------------------------------

  /** Tri-state checkbox helper: sets the DOM `indeterminate` property. */
  app.directive('aclIndeterminate', function () {
    return {
      restrict: 'A',
      link: function (scope, element, attrs) {
        scope.$watch(attrs.aclIndeterminate, function (value) {
          element.prop('indeterminate', !!value);
        });
      },
    };
  });

  /** Validates the IP allowlist text: at most `ip-list-limit` entries. */
  app.directive('ipListLimit', function () {
    return {
      restrict: 'A',
      require: 'ngModel',
      link: function (scope, element, attrs, ngModel) {
        var limit = Number(attrs.ipListLimit) || MAX_WHITELIST_IPS;
        ngModel.$validators.ipListLimit = function (modelValue, viewValue) {
          return splitIps(modelValue || viewValue).length <= limit;
        };
      },
    };
  });

  function splitIps(text) {
    return String(text || '').split(/[\s,]+/).filter(function (s) { return s.length > 0; });
  }

  /**
   * <date-picker id="X" name="…" ng-model="…">: a UI Bootstrap datepicker popup on a
   * yyyy-MM-dd text input #X_datePicker_input with a calendar button #X_datePicker_btn.
   * The outer ng-model holds a Date (local midnight of the chosen day) and fails the
   * `futureDate` validator when the day has already ended by the page clock.
   */
  app.directive('datePicker', ['pageClock', function (pageClock) {
    return {
      restrict: 'E',
      require: 'ngModel',
      scope: {},
      templateUrl: 'apitokens/date-picker.html',
      link: function (scope, element, attrs, ngModel) {
        var id = attrs.id || 'datePicker';
        scope.dp = {
          inputId: id + '_datePicker_input',
          buttonId: id + '_datePicker_btn',
          value: null,
          open: false,
          options: { minDate: pageClock.today(), showWeeks: false },
          changed: function () { ngModel.$setViewValue(scope.dp.value); },
          toggle: function () { scope.dp.open = !scope.dp.open; },
        };
        ngModel.$render = function () {
          var v = ngModel.$viewValue;
          scope.dp.value = v instanceof Date && !isNaN(v.getTime()) ? v : null;
        };
        ngModel.$isEmpty = function (value) {
          return !(value instanceof Date) || isNaN(value.getTime());
        };
        ngModel.$validators.futureDate = function (modelValue) {
          if (!(modelValue instanceof Date) || isNaN(modelValue.getTime())) return true;
          return endOfDay(modelValue).getTime() > pageClock.now();
        };
      },
    };
  }]);

  // ---------------------------------------------------------------------------------
  // Home: the token table
  // ---------------------------------------------------------------------------------

  app.controller('HomeController', ['$location', '$q', '$uibModal', '$filter', 'whmApi', 'growl', 'pageClock',
    function ($location, $q, $uibModal, $filter, whmApi, growl, pageClock) {
      var vm = this;
      var dateFilter = $filter('date');

      vm.loading = false;
      vm.loadError = null;
      vm.tokens = [];
      vm.filtered = [];
      vm.page = [];
      vm.search = '';
      vm.sort = { field: 'create_time', descending: true };
      vm.pageSizes = [10, 20, 50, 100];
      vm.pageSize = 20;
      vm.currentPage = 1;
      vm.checked = {};

      vm.load = function () {
        vm.loading = true;
        vm.loadError = null;
        vm.page = [];
        return $q.all([whmApi.call('api_token_list'), whmApi.call('myprivs')]).then(function (results) {
          vm.tokens = whmApi.tokensFromList(results[0]);
          var names = {};
          vm.tokens.forEach(function (t) { names[t.name] = true; });
          Object.keys(vm.checked).forEach(function (name) { if (!names[name]) delete vm.checked[name]; });
        }, function (error) {
          vm.tokens = [];
          vm.loadError = whmApi.reasonOf(error);
        }).finally(function () {
          vm.loading = false;
          vm.applyView();
        });
      };

      function compare(a, b) {
        var field = vm.sort.field;
        var result;
        if (field === 'name') {
          var an = a.name.toLowerCase();
          var bn = b.name.toLowerCase();
          result = an < bn ? -1 : an > bn ? 1 : (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
        } else {
          var av = field === 'expires_at' ? (a.expires_at === null ? Infinity : a.expires_at) : a[field];
          var bv = field === 'expires_at' ? (b.expires_at === null ? Infinity : b.expires_at) : b[field];
          result = av < bv ? -1 : av > bv ? 1 : 0;
          if (result === 0) result = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        }
        return vm.sort.descending ? -result : result;
      }

      /** Search → sort → page; ng-repeat re-renders the rows from vm.page. */
      vm.applyView = function () {
        var needle = (vm.search || '').toLowerCase();
        vm.filtered = vm.tokens.filter(function (t) {
          return !needle || t.name.toLowerCase().indexOf(needle) !== -1;
        }).sort(compare);
        var pages = Math.max(1, Math.ceil(vm.filtered.length / vm.pageSize));
        if (vm.currentPage > pages) vm.currentPage = pages;
        if (vm.currentPage < 1) vm.currentPage = 1;
        var start = (vm.currentPage - 1) * vm.pageSize;
        vm.page = vm.loading ? [] : vm.filtered.slice(start, start + vm.pageSize);
      };

      vm.searchChanged = function () { vm.currentPage = 1; vm.applyView(); };
      vm.pageSizeChanged = function () { vm.currentPage = 1; vm.applyView(); };
      vm.pageChanged = function () { vm.applyView(); };

      vm.sortBy = function (field) {
        if (vm.sort.field === field) {
          vm.sort.descending = !vm.sort.descending;
        } else {
          vm.sort.field = field;
          vm.sort.descending = false;
        }
        vm.applyView();
      };

      vm.sortIcon = function (field) {
        if (vm.sort.field !== field) return 'glyphicon-sort text-muted';
        return vm.sort.descending ? 'glyphicon-sort-by-attributes-alt' : 'glyphicon-sort-by-attributes';
      };

      vm.rangeStart = function () { return vm.filtered.length ? (vm.currentPage - 1) * vm.pageSize + 1 : 0; };
      vm.rangeEnd = function () { return Math.min(vm.filtered.length, vm.currentPage * vm.pageSize); };

      vm.isExpired = function (token) {
        return token.expires_at !== null && token.expires_at <= pageClock.nowSeconds();
      };
      vm.expiresSoon = function (token) {
        var now = pageClock.nowSeconds();
        return token.expires_at !== null && token.expires_at > now && token.expires_at <= now + 24 * 3600;
      };
      vm.formatTime = function (seconds) {
        return dateFilter(seconds * 1000, 'medium');
      };

      // Selection ------------------------------------------------------------------
      vm.allOnPageChecked = function (value) {
        if (arguments.length) {
          vm.page.forEach(function (t) { vm.checked[t.name] = !!value; });
          return undefined;
        }
        return vm.page.length > 0 && vm.page.every(function (t) { return vm.checked[t.name]; });
      };
      vm.someOnPageChecked = function () {
        var n = vm.page.filter(function (t) { return vm.checked[t.name]; }).length;
        return n > 0 && n < vm.page.length;
      };
      vm.checkAllTokens = function () {
        vm.tokens.forEach(function (t) { vm.checked[t.name] = true; });
      };
      vm.clearSelection = function () {
        Object.keys(vm.checked).forEach(function (name) { delete vm.checked[name]; });
      };
      vm.selectedNames = function () {
        return vm.tokens.filter(function (t) { return vm.checked[t.name]; }).map(function (t) { return t.name; });
      };

      // Navigation -----------------------------------------------------------------
      vm.generate = function () { $location.path('/edit'); };
      vm.edit = function (token) { $location.path('/edit/' + encodeURIComponent(token.name)); };

      // Revocation -----------------------------------------------------------------
      vm.revoke = function (names) {
        names = names.slice().sort();
        if (!names.length) {
          growl.info('Select at least one API token to revoke.');
          return;
        }
        $uibModal.open({
          templateUrl: 'apitokens/revoke-modal.html',
          controller: 'RevokeModalController',
          controllerAs: 'modal',
          ariaLabelledBy: 'revokeModalTitle',
          resolve: { names: function () { return names.slice(); } },
        }).result.then(function () {
          return whmApi.call('api_token_revoke', { token_name: names }).then(function () {
            // WHM ignores unknown names with result 1: read the list again to confirm.
            return vm.load().then(function () {
              var still = names.filter(function (n) { return vm.tokens.some(function (t) { return t.name === n; }); });
              names.forEach(function (n) { delete vm.checked[n]; });
              if (still.length) {
                growl.error('The system failed to revoke: ' + still.join(', ') + '.');
              } else if (names.length === 1) {
                growl.success('You successfully revoked the API token “' + names[0] + '”.');
              } else {
                growl.success('You successfully revoked ' + names.length + ' API tokens.');
              }
            });
          }, function (error) {
            growl.error(whmApi.reasonOf(error));
          });
        }, angular.noop);
      };
      vm.revokeOne = function (token) { vm.revoke([token.name]); };
      vm.revokeSelected = function () { vm.revoke(vm.selectedNames()); };
      vm.revokeAll = function () { vm.revoke(vm.tokens.map(function (t) { return t.name; })); };

      vm.load();
    }]);

  app.controller('RevokeModalController', ['$uibModalInstance', 'names', function ($uibModalInstance, names) {
    var modal = this;
    modal.names = names;
    modal.confirm = function () { $uibModalInstance.close(true); };
    modal.cancel = function () { $uibModalInstance.dismiss('cancel'); };
  }]);

  // ---------------------------------------------------------------------------------
  // Generate / Edit form
  // ---------------------------------------------------------------------------------

  app.controller('EditController', ['$routeParams', '$location', '$q', 'whmApi', 'aclCatalog', 'growl', 'pageClock',
    function ($routeParams, $location, $q, whmApi, aclCatalog, growl, pageClock) {
      var vm = this;
      var original = null;

      vm.isEdit = typeof $routeParams.name === 'string';
      vm.originalName = vm.isEdit ? $routeParams.name : '';
      vm.loading = true;
      vm.loadError = null;
      vm.saving = false;
      vm.created = null;
      vm.categories = [];
      vm.selected = {};
      vm.model = { name: '', expiry: 'never', expiresDate: null, ips: '' };
      vm.maxIps = MAX_WHITELIST_IPS;

      function allAcls() {
        var list = [];
        vm.categories.forEach(function (cat) {
          cat.subcategories.forEach(function (sub) {
            sub.acls.forEach(function (acl) { list.push(acl.name); });
          });
        });
        return list;
      }

      function selectEverything() {
        allAcls().forEach(function (name) { vm.selected[name] = true; });
      }

      /** Gives each subcategory a getter/setter for its tri-state checkbox. */
      function decorate(categories) {
        categories.forEach(function (cat) {
          cat.subcategories.forEach(function (sub) {
            sub.checkAll = function (value) {
              if (arguments.length) {
                sub.acls.forEach(function (acl) { vm.selected[acl.name] = !!value; });
                if (value && vm.selected.all) selectEverything();
                if (!value) vm.selected.all = false;
                return undefined;
              }
              return sub.acls.every(function (acl) { return vm.selected[acl.name]; });
            };
            sub.someChecked = function () {
              var n = sub.acls.filter(function (acl) { return vm.selected[acl.name]; }).length;
              return n > 0 && n < sub.acls.length;
            };
          });
        });
        return categories;
      }

      vm.aclChanged = function (acl) {
        if (acl.name === 'all' && vm.selected.all) {
          selectEverything();
        } else if (acl.name !== 'all' && !vm.selected[acl.name]) {
          vm.selected.all = false;
        }
      };

      vm.anySelected = function () {
        return allAcls().some(function (name) { return vm.selected[name]; });
      };

      function defaultExpiryDate() {
        var d = pageClock.today();
        d.setFullYear(d.getFullYear() + 1);
        return d;
      }

      /** Choosing "Specify an expiration date" resets the date to one year from today. */
      vm.expiryChosen = function () {
        vm.model.expiresDate = defaultExpiryDate();
      };

      vm.nameErrorsVisible = function () {
        var field = vm.form && vm.form.token_name;
        return !!field && field.$invalid && (field.$dirty || vm.form.$submitted);
      };

      vm.saveDisabled = function () {
        return !vm.form || vm.form.$pristine || vm.form.$invalid || !vm.anySelected() || vm.saving;
      };

      function load() {
        $q.all([whmApi.call('myprivs'), vm.isEdit ? whmApi.call('api_token_list') : $q.resolve(null)]).then(function (results) {
          var privs = whmApi.privilegesFrom(results[0]);
          vm.categories = decorate(aclCatalog.grantable(privs));
          if (!vm.isEdit) {
            selectEverything(); // WHM's default is every privilege the user holds
            return;
          }
          var token = whmApi.tokensFromList(results[1]).filter(function (t) { return t.name === vm.originalName; })[0];
          if (!token) {
            vm.loadError = 'The API token “' + vm.originalName + '” does not exist.';
            return;
          }
          original = token;
          vm.model.name = token.name;
          var fullAccess = Number(token.acls.all) === 1;
          allAcls().forEach(function (name) {
            vm.selected[name] = fullAccess || Number(token.acls[name]) === 1;
          });
          if (token.expires_at !== null) {
            var d = new Date(token.expires_at * 1000);
            d.setHours(0, 0, 0, 0);
            vm.model.expiry = 'date';
            vm.model.expiresDate = d;
          }
          vm.model.ips = (token.whitelist_ips || []).join('\n');
        }, function (error) {
          vm.loadError = whmApi.reasonOf(error);
        }).finally(function () {
          vm.loading = false;
        });
      }

      function expiresAtToSend() {
        if (vm.model.expiry !== 'date') return 0;
        var day = vm.model.expiresDate;
        // Editing without touching the day keeps the exact stored instant.
        if (original && original.expires_at !== null && sameLocalDay(day, new Date(original.expires_at * 1000))) {
          return original.expires_at;
        }
        return Math.floor(endOfDay(day).getTime() / 1000);
      }

      vm.save = function () {
        if (vm.saveDisabled()) return;
        var acls = allAcls().filter(function (name) { return vm.selected[name]; });
        var ips = splitIps(vm.model.ips);
        var params;
        var fn;
        if (vm.isEdit) {
          fn = 'api_token_update';
          params = { token_name: vm.originalName };
          if (vm.model.name !== vm.originalName) params.new_name = vm.model.name;
        } else {
          fn = 'api_token_create';
          params = { token_name: vm.model.name };
        }
        params.acl = acls;
        params.expires_at = expiresAtToSend();
        if (ips.length) params.whitelist_ip = ips;
        else if (vm.isEdit) params.whitelist_ip = 'any';

        vm.saving = true;
        whmApi.call(fn, params).then(function (data) {
          if (vm.isEdit) {
            growl.success('You successfully updated the API token “' + vm.model.name + '”.');
            $location.path('/home');
          } else {
            // The callout is the confirmation; the secret appears nowhere else.
            vm.created = { name: (data && data.name) || vm.model.name, token: data && data.token };
          }
        }, function (error) {
          growl.error(whmApi.reasonOf(error));
        }).finally(function () {
          vm.saving = false;
        });
      };

      vm.confirmSaved = function () {
        vm.created = null; // the secret leaves the scope for good
        $location.path('/home');
      };

      vm.cancel = function () { $location.path('/home'); };

      load();
    }]);
})(window.angular);
