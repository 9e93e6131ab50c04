/*
 * Token Warden WHM simulator — Home: the token table (reference/whm.md §4).
 *
 * Every visit loads api_token_list and myprivs; rows appear only once both have answered.
 * Rows are tracked by their index in the loaded list, so sorting moves rows and Refresh
 * (which empties the table while it loads) rebuilds them. WHM's own revoke removes the
 * rows locally and redraws: it does not list again.
 */
(function (angular) {
  'use strict';

  var app = angular.module('whmApiTokens');

  app.controller('HomeController', ['$location', '$uibModal', '$filter', 'whmApi', 'tokenStore', 'growl', 'pageClock', 'pageData',
    function ($location, $uibModal, $filter, whmApi, tokenStore, growl, pageClock, pageData) {
      var vm = this;
      var dateFilter = $filter('date');

      vm.loading = false;
      vm.loadError = null;
      vm.childAccountsExist = pageData.childAccountsExist;
      vm.tokens = [];
      vm.filtered = [];
      vm.page = [];
      vm.search = '';
      vm.sort = { field: 'create_time', descending: true };
      vm.pageSizes = [10, 20, 50, 100];
      vm.pageSize = 10;
      vm.currentPage = 1;
      vm.checked = {};

      vm.load = function () {
        vm.loading = true;
        vm.loadError = null;
        vm.page = [];
        return tokenStore.load().then(function () {
          vm.tokens = tokenStore.tokens.slice();
          markExpiry(vm.tokens);
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

      /** Search → sort → page; ng-repeat redraws the rows from vm.page. */
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

      /** Row classes, computed once per load as WHM does: `danger` expired, `warning` within 24 h. */
      function markExpiry(tokens) {
        var now = pageClock.nowSeconds();
        tokens.forEach(function (t) {
          t.expired = t.expires_at !== null && t.expires_at <= now;
          t.expiresSoon = t.expires_at !== null && t.expires_at > now && t.expires_at <= now + 24 * 3600;
        });
      }
      vm.formatTime = function (seconds) {
        return dateFilter(seconds * 1000, 'medium');
      };
      /** WHM leaves the cell empty for a token that never expires. */
      vm.expiresText = function (token) {
        return token.expires_at === null ? '' : vm.formatTime(token.expires_at);
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
      /** The rows leave the table here and now; WHM does not ask for the list again. */
      function removeLocally(names) {
        tokenStore.remove(names);
        vm.tokens = vm.tokens.filter(function (t) { return names.indexOf(t.name) === -1; });
        names.forEach(function (n) { delete vm.checked[n]; });
        vm.applyView();
      }

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
          resolve: { names: function () { return names.slice(); } },
        }).result.then(function () {
          // One name: token_name=NAME; several: token_name-0, token_name-1, …
          var params = { token_name: names.length === 1 ? names[0] : names };
          return whmApi.call('api_token_revoke', params).then(function () {
            removeLocally(names);
            if (names.length === 1) growl.success('You successfully revoked the API token “' + names[0] + '”.');
            else growl.success('You successfully revoked ' + names.length + ' API tokens.');
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
})(window.angular);
