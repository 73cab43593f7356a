// The query page: load an example into the editor, post the query to the endpoint, show the
// answer as a table (SELECT/ASK) or as Turtle (CONSTRUCT/DESCRIBE). Values are inserted with
// textContent only, never as HTML. IRIs of the graph link to their pages on this server.
(function () {
  'use strict';
  var NS = 'https://w3id.org/newpath-kg/';
  var form = document.getElementById('query-form');
  var select = document.getElementById('example');
  var editor = document.getElementById('query');
  var status = document.getElementById('status');
  var results = document.getElementById('results');

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function cell(term) {
    var td = document.createElement('td');
    if (!term) return td;
    if (term.type === 'uri') {
      var a = document.createElement('a');
      a.href = term.value.indexOf(NS) === 0 ? '/' + term.value.substring(NS.length) : term.value;
      a.textContent = term.value.indexOf(NS) === 0 ? term.value.substring(NS.length) : term.value;
      td.appendChild(a);
    } else if (term.type === 'bnode') {
      td.textContent = '_:' + term.value;
    } else {
      var span = document.createElement('span');
      span.textContent = term.value;
      if (term['xml:lang']) span.lang = term['xml:lang'];
      td.appendChild(span);
      if (term['xml:lang'] || term.datatype) {
        var small = document.createElement('small');
        small.className = 'tag';
        small.textContent = term['xml:lang'] ? '@' + term['xml:lang'] : term.datatype.replace('http://www.w3.org/2001/XMLSchema#', 'xsd:');
        td.appendChild(document.createTextNode(' '));
        td.appendChild(small);
      }
    }
    return td;
  }

  function table(json) {
    var t = document.createElement('table');
    t.id = 'result-table';
    var thead = t.createTHead().insertRow();
    json.head.vars.forEach(function (v) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = '?' + v;
      thead.appendChild(th);
    });
    var tbody = t.createTBody();
    json.results.bindings.forEach(function (b) {
      var tr = tbody.insertRow();
      json.head.vars.forEach(function (v) { tr.appendChild(cell(b[v])); });
    });
    return t;
  }

  function run(ev) {
    ev.preventDefault();
    clear(results);
    status.textContent = '…';
    var t0 = performance.now();
    fetch('/newpath/sparql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Accept': 'application/sparql-results+json, text/turtle;q=0.9'
      },
      body: 'query=' + encodeURIComponent(editor.value)
    }).then(function (r) {
      var type = r.headers.get('Content-Type') || '';
      return r.text().then(function (body) { return { ok: r.ok, status: r.status, type: type, body: body }; });
    }).then(function (r) {
      var ms = Math.round(performance.now() - t0);
      if (!r.ok) {
        status.textContent = 'Error ' + r.status;
        var pre = document.createElement('pre');
        pre.className = 'error';
        pre.textContent = r.body;
        results.appendChild(pre);
        return;
      }
      if (r.type.indexOf('json') >= 0) {
        var json = JSON.parse(r.body);
        if (typeof json.boolean === 'boolean') {
          status.textContent = 'ASK: ' + json.boolean + ' (' + ms + ' ms)';
          return;
        }
        status.textContent = json.results.bindings.length + ' rows (' + ms + ' ms)';
        results.appendChild(table(json));
      } else {
        status.textContent = r.type + ' (' + ms + ' ms)';
        var out = document.createElement('pre');
        out.textContent = r.body;
        results.appendChild(out);
      }
    }).catch(function (e) {
      status.textContent = String(e);
    });
  }

  select.addEventListener('change', function () {
    if (!select.value) return;
    fetch('/queries/' + encodeURIComponent(select.value) + '.rq')
      .then(function (r) { return r.text(); })
      .then(function (text) { editor.value = text; });
  });
  form.addEventListener('submit', run);
}());
