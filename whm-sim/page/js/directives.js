/*
 * Token Warden WHM simulator — small directives of the Generate / Edit form and the table.
 */
(function (angular) {
  'use strict';

  var app = angular.module('whmApiTokens');

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
  app.directive('ipListLimit', ['pageUtil', function (pageUtil) {
    return {
      restrict: 'A',
      require: 'ngModel',
      link: function (scope, element, attrs, ngModel) {
        var limit = Number(attrs.ipListLimit) || pageUtil.MAX_WHITELIST_IPS;
        ngModel.$validators.ipListLimit = function (modelValue, viewValue) {
          return pageUtil.splitIps(modelValue || viewValue).length <= limit;
        };
      },
    };
  }]);

  /**
   * <date-picker id="X" name="…" ng-model="…">, like cjt2's: renders
   * div.date-picker-directive > p.input-group with a UI Bootstrap popup text input
   * #X_datePicker_input (UI Bootstrap's default format yyyy-MM-dd: no format attribute) and
   * a calendar button #X_datePicker_btn. The outer ng-model holds a Date (local midnight
   * of the chosen day) and fails `futureDate` when that day has already ended.
   */
  app.directive('datePicker', ['pageClock', 'pageUtil', function (pageClock, pageUtil) {
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
          return pageUtil.endOfDay(modelValue).getTime() > pageClock.now();
        };
      },
    };
  }]);
})(window.angular);
