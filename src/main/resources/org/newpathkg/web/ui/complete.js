// Entity completion for the query editor: after a prefix of this graph's things (np:), Ctrl-Space
// offers the things whose local name or label starts as typed, each hint with its label and type,
// from /complete (the search page's lookup). editor.js calls NewpathComplete.register(Yasqe)
// before the editor is made and lists NewpathComplete.NAME among its autocompleters.
(function () {
  'use strict';
  var NAME = 'graph-entity';
  var ID_NS = 'https://w3id.org/newpath-kg/id/';
  var details = {};   // hint text → {label, type}, from the last answer

  function lang() {
    return document.documentElement.lang === 'ja' ? 'ja' : 'en';
  }

  // The prefix the query declares for this graph's things (np unless renamed), or null.
  function idPrefix(yasqe) {
    var prefixes = yasqe.getPrefixesFromQuery() || {};
    for (var p in prefixes)
      if (prefixes[p] === ID_NS) return p;
    return 'np';
  }

  function token(yasqe) {
    var t = yasqe.getCompleteToken();
    var s = t && t.string ? t.string : '';
    var p = idPrefix(yasqe) + ':';
    return s.indexOf(p) === 0 ? { prefix: p, local: s.substring(p.length), token: t } : null;
  }

  var completer = {
    name: NAME,
    bulk: false,
    autoShow: false,
    isValidCompletionPosition: function (yasqe) {
      return token(yasqe) !== null;
    },
    get: function (yasqe) {
      var t = token(yasqe);
      if (!t) return Promise.resolve([]);
      return fetch('/complete?lang=' + lang() + '&prefix=' + encodeURIComponent(t.local.slice(0, 100)))
        .then(function (r) { return r.ok ? r.json() : { result: [] }; })
        .then(function (answer) {
          details = {};
          return answer.result.map(function (x) {
            var text = t.prefix + x.name;
            details[text] = x;
            return text;
          });
        });
    },
    postprocessHints: function (yasqe, hints) {
      hints.forEach(function (h) {
        var d = details[h.text];
        if (!d) return;
        h.displayText = h.text + ' — ' + d.label + (d.type ? ' (' + d.type + ')' : '');
        h.className = 'np-entity-hint';
      });
      return hints;
    }
  };

  window.NewpathComplete = {
    NAME: NAME,
    register: function (Yasqe) {
      Yasqe.registerAutocompleter(completer, true);
    }
  };
})();
