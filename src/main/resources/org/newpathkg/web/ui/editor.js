// Sets up YASGUI for this graph from /ui/config.json: the endpoint of this server only, the
// query library as example tabs (question and tab name in the page's language, the view a query
// names in its "# View:" line), prefixes, property and class autocompletion from lists this
// server serves (no prefix.cc, no Linked Open Vocabularies), the result views of views.js, and
// downloads fetched from the endpoint itself with the Accept header of each format.
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var wanted = params.get('lang');
  var lang = wanted === 'ja' || wanted === 'en' ? wanted : null;

  function byId(id) { return document.getElementById(id); }

  // The language links of the site's header, which the editor keeps pointing at the open example.
  function langLinks() {
    return document.querySelectorAll('header.site .langs a[lang]');
  }

  // The graph's own terms for autocompletion, fetched once per page.
  var termsPromise = null;
  function terms() {
    if (!termsPromise) termsPromise = fetch('/ui/terms.json').then(function (r) { return r.json(); });
    return termsPromise;
  }

  function configureYasqe(Yasqe) {
    Yasqe.forkAutocompleter('property', {
      name: 'graph-property', bulk: true, autoShow: false,
      get: function () { return terms().then(function (x) { return x.properties; }); }
    }, false);
    Yasqe.forkAutocompleter('class', {
      name: 'graph-class', bulk: true, autoShow: false,
      get: function () { return terms().then(function (x) { return x.classes; }); }
    }, false);
    // Replace (not merge) the list, so the online 'property' and 'class' completers never run.
    var list = Yasqe.defaults.autocompleters;
    list.splice(0, list.length, 'variables', 'prefixes', 'graph-property', 'graph-class');
    Yasqe.defaults.prefixCcApi = '/ui/prefixes.json';
  }

  function configureYasr(Yasr) {
    var order = Yasr.defaults.pluginOrder;
    order.splice(0, order.length, 'table', 'timeline', 'graph', 'bar', 'response');
  }

  function exampleQuery(cfg) {
    return cfg.examples.length ? cfg.examples[0].query : 'SELECT * WHERE { ?s ?p ?o } LIMIT 10';
  }

  // The tab of a library query: its name and text, the view its "# View:" line names.
  function exampleTab(e, endpoint) {
    return {
      id: 'ex-' + e.name, name: e.tab,
      yasqe: { value: e.query },
      yasr: { settings: { selectedPlugin: e.view, pluginsConfig: {} }, response: undefined },
      requestConfig: { endpoint: endpoint }
    };
  }

  function start(cfg) {
    var endpoint = window.location.origin + cfg.endpoint;
    var Yasgui = window.Yasgui;
    configureYasqe(Yasgui.Yasqe);
    window.NewpathViews.register(cfg, Yasgui.Yasr);
    configureYasr(Yasgui.Yasr);
    var examples = {};
    cfg.examples.forEach(function (e) { examples['ex-' + e.name] = e; });
    var yasgui = new Yasgui(byId('yasgui'), {
      // Tabs are remembered per language and library version (see EditorConfig).
      persistenceId: 'newpath-ui-' + cfg.lang + '-' + cfg.version,
      autoAddOnInit: false,
      copyEndpointOnNewTab: false,
      requestConfig: {
        endpoint: endpoint, method: 'POST',
        acceptHeaderSelect: 'application/sparql-results+json', acceptHeaderGraph: 'text/turtle'
      },
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
      // A shared link (#query=…) opens its query here, against this server whatever endpoint it names.
      populateFromUrl: function (tab) {
        tab.requestConfig = Object.assign({}, tab.requestConfig, { endpoint: endpoint });
        return tab;
      },
      yasqe: {
        value: exampleQuery(cfg),
        prefixCcApi: '/ui/prefixes.json',
        autocompleters: ['variables', 'prefixes', 'graph-property', 'graph-class']
      },
      yasr: {
        prefixes: cfg.prefixes,
        defaultPlugin: 'table',
        pluginOrder: ['table', 'timeline', 'graph', 'bar', 'response']
      }
    });
    var had = yasgui.persistentConfig.getTabs().slice();
    var hasExamples = had.some(function (id) { return examples[id]; });
    if (!hasExamples) {
      cfg.examples.forEach(function (e, i) {
        yasgui.addTab(had.length === 0 && i === 0, exampleTab(e, endpoint));
      });
    }
    // ?example=NN-slug (the home page's links) opens that example's tab.
    var asked = params.get('example');
    if (asked && examples['ex-' + asked]) {
      if (!yasgui.getTab('ex-' + asked)) {
        var e = examples['ex-' + asked];
        yasgui.addTab(true, exampleTab(e, endpoint));
      }
      yasgui.selectTabId('ex-' + asked);
    }
    function showQuestion() {
      var tab = yasgui.getTab();
      var e = tab && examples[tab.getId()];
      // The language switch keeps the example open.
      langLinks().forEach(function (a) {
        a.setAttribute('href', '/ui?lang=' + a.getAttribute('lang') + (e ? '&example=' + encodeURIComponent(e.name) : ''));
      });
      var q = byId('question');
      q.textContent = '';
      if (!e || !e.question) return;
      var b = document.createElement('strong');
      b.textContent = cfg.texts.question + ': ';
      q.appendChild(b);
      q.appendChild(document.createTextNode(e.question));
    }
    yasgui.on('tabSelect', function () { window.setTimeout(showQuestion, 0); });
    yasgui.on('tabAdd', function () { window.setTimeout(showQuestion, 0); });
    showQuestion();
    window.NewpathViews.guardLinks(byId('yasgui'));
    tools(yasgui, cfg, endpoint);
    window.newpathYasgui = yasgui;
    document.body.setAttribute('data-editor', 'ready');
  }

  var FORMATS = {
    csv: { accept: 'text/csv', type: 'text/csv' },
    tsv: { accept: 'text/tab-separated-values', type: 'text/tab-separated-values' },
    json: { accept: 'application/sparql-results+json', type: 'application/sparql-results+json' }
  };

  // Downloads come from the endpoint itself, in the format the endpoint writes (not re-encoded
  // in the page), so CSV and TSV are the SPARQL 1.1 result formats exactly. CSV gets a UTF-8
  // byte-order mark in front, the one sign by which Excel reads a CSV file as UTF-8 (without it
  // the Japanese turns to mojibake); the SPARQL CSV format is UTF-8 either way.
  var BOM = '\ufeff';
  function tools(yasgui, cfg, endpoint) {
    var status = byId('tool-status');
    byId('editor-tools').hidden = false;
    function download(format) {
      var f = FORMATS[format];
      var tab = yasgui.getTab();
      if (!tab) return;
      status.textContent = '…';
      fetch(endpoint, {
        method: 'POST',
        headers: { 'Accept': f.accept, 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: new URLSearchParams({ query: tab.getQuery() }).toString()
      }).then(function (r) {
        if (!r.ok) return r.text().then(function (msg) { throw new Error(r.status + ' ' + msg); });
        return r.blob();
      }).then(function (blob) {
        var file = format === 'csv' ? new Blob([BOM, blob], { type: 'text/csv;charset=utf-8' }) : blob;
        var a = document.createElement('a');
        a.href = URL.createObjectURL(file);
        a.download = (tab.getId().indexOf('ex-') === 0 ? tab.getId().substring(3) : 'query') + '.' + format;
        document.body.appendChild(a);
        a.click();
        a.remove();
        window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
        status.textContent = a.download;
      }).catch(function (err) {
        status.textContent = err.message.substring(0, 300);
      });
    }
    document.querySelectorAll('#editor-tools button.dl').forEach(function (b) {
      b.addEventListener('click', function () { download(b.getAttribute('data-format')); });
    });
    // Yasr's own download button over the table writes a CSV of its own making (other quoting,
    // no byte-order mark); it gives the same file as the CSV button instead. Over the other
    // views it keeps saving their picture (SVG) or the response as received.
    function yasrDownload(ev) {
      var btn = ev.target.closest && ev.target.closest('.yasr_downloadIcon');
      if (!btn || (ev.type === 'keydown' && ev.code !== 'Space' && ev.code !== 'Enter')) return;
      var tab = yasgui.getTab();
      if (!tab || !tab.getYasr() || tab.getYasr().selectedPlugin !== 'table') return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      download('csv');
    }
    byId('yasgui').addEventListener('click', yasrDownload, true);
    byId('yasgui').addEventListener('keydown', yasrDownload, true);
    byId('share').addEventListener('click', function () {
      var tab = yasgui.getTab();
      if (!tab) return;
      window.history.replaceState(null, '', tab.getShareableLink());
      status.textContent = cfg.texts['share.copied'];
    });
  }

  fetch('/ui/config.json' + (lang ? '?lang=' + lang : ''))
    .then(function (r) {
      if (!r.ok) throw new Error('/ui/config.json: ' + r.status);
      return r.json();
    })
    .then(start)
    .catch(function (err) {
      byId('question').textContent = String(err);
      throw err;
    });
})();
