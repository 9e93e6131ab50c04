/*
 * Token Warden WHM simulator — the privilege catalogue (embedded by the server: titles and
 * grouping only; no API returns them) and which boxes the form draws (reference/whm.md §4).
 *
 * A box is drawn only for an ACL the catalogue knows. WHM's selection set, though, starts
 * as every held ACL — including held ACLs it draws no box for — and it sends all of them.
 */
(function (angular) {
  'use strict';

  var app = angular.module('whmApiTokens');

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

    /** The catalogue cut down to the ACLs `drawn(name)` accepts; empty groups dropped. */
    function drawnCategories(drawn) {
      var seen = {};
      var result = [];
      categories().forEach(function (cat) {
        var subs = cat.subcategories.map(function (sub) {
          var acls = sub.acls.filter(function (acl) {
            if (seen[acl.name] || !drawn(acl.name)) return false;
            seen[acl.name] = true;
            return true;
          });
          return { name: sub.name, title: sub.title, acls: acls };
        }).filter(function (sub) { return sub.acls.length > 0; });
        if (subs.length) result.push({ name: cat.name, title: cat.title, subcategories: subs });
      });
      return { categories: result, drawn: seen };
    }

    /**
     * Generate: a box per catalogue ACL myprivs says the user holds (`all: 1` = the whole
     * catalogue). Selected: every held ACL, undrawn ones included — except `all` itself,
     * which root's form starts unchecked.
     */
    function forGenerate(privs) {
      var cut = drawnCategories(function (name) { return privs.holdsAll || privs.held[name] === true; });
      var selected = {};
      Object.keys(cut.drawn).forEach(function (name) { if (name !== 'all') selected[name] = true; });
      var undrawn = Object.keys(privs.held).filter(function (name) { return name !== 'all' && !cut.drawn[name]; }).sort();
      undrawn.forEach(function (name) { selected[name] = true; });
      return { categories: cut.categories, selected: selected, undrawn: undrawn };
    }

    /**
     * Edit: a box per key of the token's ACL map (as WHM's list answered it; the keys are
     * what the owner holds now) that the catalogue knows; selected = the keys set to 1.
     */
    function forEdit(token) {
      var acls = token.acls || {};
      var cut = drawnCategories(function (name) { return Object.prototype.hasOwnProperty.call(acls, name); });
      var selected = {};
      Object.keys(acls).forEach(function (name) { if (Number(acls[name]) === 1) selected[name] = true; });
      var undrawn = Object.keys(acls).filter(function (name) { return !cut.drawn[name]; }).sort();
      return { categories: cut.categories, selected: selected, undrawn: undrawn };
    }

    return { categories: categories, forGenerate: forGenerate, forEdit: forEdit };
  }]);
})(window.angular);
