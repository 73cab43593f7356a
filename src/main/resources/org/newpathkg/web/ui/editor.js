// Sets up YASGUI for this graph from /ui/config.json: the endpoint of this server only, the
// query library as one list of examples by theme (each opens in its own tab) (question and tab name in the page's language, the view a query
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
    // Entities of this graph after np: (complete.js).
    if (window.NewpathComplete) window.NewpathComplete.register(Yasqe);
    Yasqe.defaults.prefixCcApi = '/ui/prefixes.json';
  }

  // YASGUI's own words in the page's language, through what its configuration allows: the
  // result table's DataTables texts, the plugins' labels (a property each plugin sets in its
  // constructor, answered here by an accessor on its prototype), the name of a new tab. The two
  // switch labels of the table ("Simple view", "Ellipse") are written by its code with no
  // setting, so they are relabelled after each drawing (relabel below).
  function configureYasr(Yasr, cfg) {
    var order = Yasr.defaults.pluginOrder;
    order.splice(0, order.length, 'table', 'timeline', 'graph', 'bar', 'response');
    var tx = cfg.texts;
    var table = Yasr.plugins.table;
    table.defaults.tableConfig.language = Object.assign({}, table.defaults.tableConfig.language, {
      info: tx['yasr.info'], infoEmpty: tx['yasr.infoEmpty'], infoFiltered: tx['yasr.infoFiltered'],
      lengthMenu: tx['yasr.lengthMenu'], emptyTable: tx['yasr.emptyTable'], zeroRecords: tx['yasr.zeroRecords']
    });
    [['table', 'yasr.table'], ['response', 'yasr.response']].forEach(function (p) {
      var plugin = Yasr.plugins[p[0]];
      if (!plugin) return;
      Object.defineProperty(plugin.prototype, 'label', { configurable: true, get: function () { return tx[p[1]]; }, set: function () {} });
    });
    // Full cell text: YASGUI cuts every cell to one line with an ellipsis unless the reader turned
    // that off, which cut Japanese cue words to four or five characters. Off unless turned on.
    var draw = table.prototype.draw;
    table.prototype.draw = function (c) {
      var conf = Object.assign({}, c);
      if (this.persistentConfig.isEllipsed === undefined && conf.isEllipsed === undefined) conf.isEllipsed = false;
      return draw.call(this, conf);
    };
  }

  // Texts YASGUI writes with no setting for them, and the accessible names its controls lack.
  function relabel(root, tx) {
    var words = { 'Simple view': tx['yasr.simple'], 'Ellipse': tx['yasr.ellipsis'] };
    root.querySelectorAll('.tableControls .label').forEach(function (l) {
      if (words[l.textContent]) l.textContent = words[l.textContent];
    });
    root.querySelectorAll('input.tableFilter').forEach(function (i) {
      i.setAttribute('placeholder', tx['yasr.filter']);
      i.setAttribute('aria-label', tx['yasr.filter']);
    });
    root.querySelectorAll('select.tableSizer, .tableSizer select').forEach(function (sel) { sel.setAttribute('aria-label', tx['yasr.pageSize']); });
    root.querySelectorAll('.yasr_downloadIcon').forEach(function (b) { b.setAttribute('aria-label', tx['yasr.download']); });
    root.querySelectorAll('.overlay_btn').forEach(function (b) { b.textContent = tx['yasr.showAll']; b.title = tx['yasr.showAll']; });
    root.querySelectorAll('.CodeMirror textarea').forEach(function (t) { t.setAttribute('aria-label', tx['yasqe.editor']); });
    root.querySelectorAll('.CodeMirror-scroll').forEach(function (t) {
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable): its
      // text area sits outside it, so the region itself takes focus, and arrow keys scroll it.
      // (CodeMirror gives it tabindex -1, which takes no focus from the keyboard.)
      if (t.getAttribute('tabindex') !== '0') {
        t.setAttribute('tabindex', '0');
        t.setAttribute('aria-label', tx['yasqe.editor']);
      }
    });
    root.querySelectorAll('input.autocomplete').forEach(function (i) { i.setAttribute('aria-label', tx['yasqe.endpoint']); });
    root.querySelectorAll('.yasqe_queryButton').forEach(function (b) { b.setAttribute('aria-label', tx['yasqe.run']); });
    root.querySelectorAll('.yasqe_share').forEach(function (b) { b.setAttribute('aria-label', tx['yasqe.share']); });
    // The tab list holds tabs only: YASGUI puts its "add a tab" button inside it (moving it breaks
    // YASGUI's own tab insertion), and points each tab's aria-controls at a panel it creates only
    // when the tab is first shown.
    root.querySelectorAll('.tabsList').forEach(function (list) {
      // Its own add button is hidden (see editor.css) for the page's "New query" button outside the list.
      list.querySelectorAll('[role=tab][aria-controls]').forEach(function (tab) {
        if (!document.getElementById(tab.getAttribute('aria-controls'))) tab.removeAttribute('aria-controls');
      });
    });
    root.querySelectorAll('.tab .closeTab, .tab button').forEach(function (b) {
      if (!b.getAttribute('aria-label')) b.setAttribute('aria-label', tx['tabs.close']);
    });
  }

  // The library as one list grouped by theme, with a filter over number, question and query text;
  // choosing an example opens it in its own tab (or returns to its tab).
  function exampleList(cfg, open) {
    var list = byId('example-list'), filter = byId('example-filter'), none = byId('example-none');
    var items = [];
    cfg.themes.forEach(function (theme) {
      var mine = cfg.examples.filter(function (e) { return e.theme === theme; });
      if (!mine.length) return;
      var section = document.createElement('section');
      var h = document.createElement('h3');
      h.textContent = cfg.texts['theme.' + theme] || theme;
      section.appendChild(h);
      var ul = document.createElement('ul');
      mine.forEach(function (e) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'example';
        b.setAttribute('data-example', e.name);
        var n = document.createElement('span');
        n.className = 'example-number';
        n.textContent = e.name.substring(0, 2);
        b.appendChild(n);
        b.appendChild(document.createTextNode(' ' + (e.question || e.name)));
        b.addEventListener('click', function () { open(e); });
        li.appendChild(b);
        ul.appendChild(li);
        items.push({ li: li, section: section, text: (e.name + ' ' + e.question + ' ' + e.query).toLowerCase() });
      });
      section.appendChild(ul);
      list.appendChild(section);
    });
    filter.addEventListener('input', function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (it) {
        var ok = words.every(function (w) { return it.text.indexOf(w) >= 0; });
        it.li.hidden = !ok;
        if (ok) shown++;
      });
      list.querySelectorAll('section').forEach(function (s) { s.hidden = !s.querySelector('li:not([hidden])'); });
      none.hidden = shown > 0;
    });
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
    configureYasr(Yasgui.Yasr, cfg);
    var examples = {};
    cfg.examples.forEach(function (e) { examples['ex-' + e.name] = e; });
    var yasgui = new Yasgui(byId('yasgui'), {
      // Tabs are remembered per language and library version (see EditorConfig).
      persistenceId: 'newpath-ui-' + cfg.lang + '-' + cfg.version,
      autoAddOnInit: false,
      copyEndpointOnNewTab: false,
      tabName: cfg.texts.newtab,
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
        // A new tab starts empty (not with the first example).
        value: '',
        prefixCcApi: '/ui/prefixes.json',
        autocompleters: ['variables', 'prefixes', 'graph-property', 'graph-class'].concat(window.NewpathComplete ? [window.NewpathComplete.NAME] : [])
      },
      yasr: {
        prefixes: cfg.prefixes,
        defaultPlugin: 'table',
        pluginOrder: ['table', 'timeline', 'graph', 'bar', 'response']
      }
    });
    function open(e) {
      if (!yasgui.getTab('ex-' + e.name)) yasgui.addTab(true, exampleTab(e, endpoint));
      yasgui.selectTabId('ex-' + e.name);
    }
    exampleList(cfg, open);
    byId('new-tab').hidden = false;
    byId('new-tab').addEventListener('click', function () { yasgui.addTab(true); });
    // One tab at start: the example asked for (?example=NN-slug, the home page's links), else the
    // tabs this browser kept, else the first example.
    var asked = params.get('example');
    if (asked && examples['ex-' + asked]) open(examples['ex-' + asked]);
    else if (yasgui.persistentConfig.getTabs().length === 0 && cfg.examples.length) open(cfg.examples[0]);
    function showQuestion() {
      var tab = yasgui.getTab();
      var e = tab && examples[tab.getId()];
      // The language switch keeps the example open.
      langLinks().forEach(function (a) {
        a.setAttribute('href', '/ui?lang=' + a.getAttribute('lang') + (e ? '&example=' + encodeURIComponent(e.name) : ''));
      });
      document.querySelectorAll('#example-list button.example').forEach(function (b) {
        if (e && b.getAttribute('data-example') === e.name) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      });
      var q = byId('question');
      q.textContent = '';
      if (!e || !e.question) return;
      var b = document.createElement('strong');
      b.textContent = cfg.texts.question + ': ';
      q.appendChild(b);
      q.appendChild(document.createTextNode(e.question));
    }
    function changed() {
      window.setTimeout(function () { showQuestion(); relabel(byId('yasgui'), cfg.texts); }, 0);
    }
    yasgui.on('tabSelect', changed);
    yasgui.on('tabAdd', changed);
    yasgui.on('tabChange', changed);
    showQuestion();
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; relabel(byId('yasgui'), cfg.texts); });
    }).observe(byId('yasgui'), { childList: true, subtree: true });
    relabel(byId('yasgui'), cfg.texts);
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
