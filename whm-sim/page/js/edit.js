/*
 * Token Warden WHM simulator — the Generate / Edit form (one route, `edit/:name?`),
 * reference/whm.md §4.
 *
 * - Generate draws a box per privilege myprivs says the user holds (root: the whole
 *   catalogue); every box starts checked except root's `all`. The selection set also holds
 *   held ACLs that have no box, and all of it is sent as acl-N.
 * - Edit draws its boxes from the keys of the token's ACL map in the list the page loaded
 *   last (no new request), and moves the expiry to the end of the shown day on every save.
 * - Save is a click-handled button; the form has no submit handler. Enter in a text field
 *   submits the form natively, which the browser does by clicking Save (a synthetic click).
 * - After a create the secret goes into the always-present, hidden #tokenAdded_container
 *   (ng-bind), which slides in, and the form container is hidden, not removed.
 */
(function (angular) {
  'use strict';

  var app = angular.module('whmApiTokens');

  app.controller('EditController', ['$routeParams', '$location', '$q', 'whmApi', 'tokenStore', 'aclCatalog', 'growl', 'pageClock', 'pageUtil',
    function ($routeParams, $location, $q, whmApi, tokenStore, aclCatalog, growl, pageClock, pageUtil) {
      var vm = this;

      vm.isEdit = typeof $routeParams.name === 'string' && $routeParams.name !== '';
      vm.originalName = vm.isEdit ? $routeParams.name : '';
      vm.loading = true;
      vm.loadError = null;
      vm.saving = false;
      /** { name, token } after a successful create; the callout binds to it. */
      vm.created = null;
      vm.categories = [];
      /** WHM's selection set: drawn boxes and held ACLs without a box alike. */
      vm.selected = {};
      vm.undrawn = [];
      vm.warningShown = {};
      /** `expires` is the true/false model of the two radios. */
      vm.model = { name: '', expires: false, expiresDate: null, ips: '' };
      vm.maxIps = pageUtil.MAX_WHITELIST_IPS;

      /** The ACLs that have a box, in catalogue order. */
      function drawnAcls() {
        var list = [];
        vm.categories.forEach(function (cat) {
          cat.subcategories.forEach(function (sub) {
            sub.acls.forEach(function (acl) { list.push(acl.name); });
          });
        });
        return list;
      }

      function selectEverything() {
        drawnAcls().forEach(function (name) { vm.selected[name] = true; });
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

      function applyPrivileges(built) {
        vm.categories = decorate(built.categories);
        vm.selected = built.selected;
        vm.undrawn = built.undrawn;
      }

      /** Checking `all` checks everything; unchecking any box unchecks `all`. */
      vm.aclChanged = function (acl) {
        if (acl.name === 'all' && vm.selected.all) {
          selectEverything();
        } else if (acl.name !== 'all' && !vm.selected[acl.name]) {
          vm.selected.all = false;
        }
      };

      vm.toggleWarning = function (acl) {
        vm.warningShown[acl.name] = !vm.warningShown[acl.name];
      };

      /** What gets sent: the drawn boxes in catalogue order, then the undrawn held ACLs. */
      function selectedAcls() {
        var drawn = drawnAcls();
        return drawn.concat(vm.undrawn).filter(function (name) { return vm.selected[name] === true; });
      }

      vm.anySelected = function () {
        return selectedAcls().length > 0;
      };

      function defaultExpiryDate() {
        var d = pageClock.today();
        d.setFullYear(d.getFullYear() + 1);
        return d;
      }

      /** Choosing "Specify an expiration date" resets the date to one year from today. */
      vm.expiryChosen = function () {
        if (vm.model.expires) vm.model.expiresDate = defaultExpiryDate();
      };

      vm.nameErrorsVisible = function () {
        var field = vm.form && vm.form.token_name;
        return !!field && field.$invalid && (field.$dirty || vm.form.$submitted);
      };

      vm.saveDisabled = function () {
        return !vm.form || vm.form.$pristine || vm.form.$invalid || !vm.anySelected() || vm.saving;
      };

      function load() {
        var ready;
        if (vm.isEdit) {
          ready = tokenStore.ensureLoaded().then(function () {
            var token = tokenStore.tokens.filter(function (t) { return t.name === vm.originalName; })[0];
            if (!token) {
              vm.loadError = 'The API token “' + vm.originalName + '” does not exist.';
              return;
            }
            applyPrivileges(aclCatalog.forEdit(token));
            vm.model.name = token.name;
            if (token.expires_at !== null) {
              var d = new Date(token.expires_at * 1000);
              d.setHours(0, 0, 0, 0);
              vm.model.expires = true;
              vm.model.expiresDate = d;
            }
            vm.model.ips = (token.whitelist_ips || []).join('\n');
          });
        } else {
          var privs = tokenStore.privs
            ? $q.resolve(tokenStore.privs)
            : whmApi.call('myprivs').then(function (data) { return (tokenStore.privs = whmApi.privilegesFrom(data)); });
          ready = privs.then(function (p) { applyPrivileges(aclCatalog.forGenerate(p)); });
        }
        ready.catch(function (error) {
          vm.loadError = whmApi.reasonOf(error);
        }).finally(function () {
          vm.loading = false;
        });
      }

      /** The shown day at 23:59:59.999 local time; 0 = never. Always sent. */
      function expiresAtToSend() {
        if (!vm.model.expires) return 0;
        return Math.floor(pageUtil.endOfDay(vm.model.expiresDate).getTime() / 1000);
      }

      vm.save = function () {
        if (vm.saveDisabled()) return;
        var ips = pageUtil.splitIps(vm.model.ips);
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
        params.acl = selectedAcls();
        params.expires_at = expiresAtToSend();
        if (ips.length) params.whitelist_ip = ips;
        else if (vm.isEdit) params.whitelist_ip = 'any';

        vm.saving = true;
        whmApi.call(fn, params).then(function (data) {
          if (vm.isEdit) {
            growl.success('You successfully updated the API token “' + vm.model.name + '”.');
            $location.path('/home');
          } else {
            // The callout is the confirmation (no growl); the secret appears nowhere else.
            vm.created = { name: (data && data.name) || vm.model.name, token: data && data.token };
          }
        }, function (error) {
          growl.error(whmApi.reasonOf(error));
        }).finally(function () {
          vm.saving = false;
        });
      };

      // The secret goes with this view's scope when the route changes.
      vm.confirmSaved = function () { $location.path('/home'); };
      vm.cancel = function () { $location.path('/home'); };

      load();
    }]);
})(window.angular);
