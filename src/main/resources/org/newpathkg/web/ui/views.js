// Result views for the query editor, as Yasr plugins: a timeline (dates drawn at their
// precision), a network graph (rows that link IRIs, laid out by d3's force simulation) and a
// bar chart (counts). Plain JavaScript and SVG, and d3 (7.9.0, from its webjar) for the graph's layout. Every value from a result is put in
// the page with textContent or setAttribute, never as HTML, and only http(s) IRIs become links:
// IRIs of this graph open their page on this server, other http(s) IRIs the IRI itself.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var XSD = 'http://www.w3.org/2001/XMLSchema#';
  var NUMERIC = ['integer', 'decimal', 'double', 'float', 'int', 'long', 'short', 'byte', 'nonNegativeInteger',
    'positiveInteger', 'nonPositiveInteger', 'negativeInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte'];
  var DATES = ['date', 'dateTime', 'gYear', 'gYearMonth'];
  var MAX_ROWS = 1000, MAX_NODES = 300;
  var cfg = { dataNs: 'https://w3id.org/newpath-kg/', dataPaths: [], prefixes: {}, texts: {} };

  function t(key, a, b) {
    var s = cfg.texts[key] || key;
    return s.replace('{0}', a === undefined ? '' : a).replace('{1}', b === undefined ? '' : b);
  }

  // The address an IRI opens, or null when it must not be a link (anything but http(s)).
  function linkFor(iri) {
    if (typeof iri !== 'string') return null;
    if (iri.indexOf(cfg.dataNs) === 0) {
      var rest = iri.substring(cfg.dataNs.length);
      var first = rest.split(/[\/#]/)[0];
      if (cfg.dataPaths.indexOf(first) >= 0) return '/' + rest;
    }
    return /^https?:\/\/[^\s]+$/i.test(iri) ? iri : null;
  }

  function shortName(iri) {
    var best = null;
    Object.keys(cfg.prefixes).forEach(function (p) {
      var ns = cfg.prefixes[p];
      if (iri.indexOf(ns) === 0 && iri.length > ns.length && (!best || ns.length > cfg.prefixes[best].length)) best = p;
    });
    return best ? best + ':' + iri.substring(cfg.prefixes[best].length) : iri;
  }

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, attrs, value) {
    var e = el('text', attrs, parent);
    e.textContent = value;
    return e;
  }

  function clip(s, n) {
    return s.length > n ? s.substring(0, n - 1) + '…' : s;
  }

  // A link around an SVG element when the IRI may be one; otherwise the parent itself.
  function maybeLink(parent, iri) {
    var href = iri ? linkFor(iri) : null;
    if (!href) return parent;
    var a = el('a', { href: href }, parent);
    if (href.charAt(0) !== '/') a.setAttribute('rel', 'external noopener');
    return a;
  }

  function datatype(b) { return b && b.datatype && b.datatype.indexOf(XSD) === 0 ? b.datatype.substring(XSD.length) : null; }
  function isNumber(b) { return b && b.type !== 'uri' && NUMERIC.indexOf(datatype(b)) >= 0; }
  function isDate(b) { return b && b.type !== 'uri' && DATES.indexOf(datatype(b)) >= 0; }
  // A cell that is drawn as a node: an IRI, or a short text (names, kinds), not a number, a date or a passage.
  function isNode(b) { return !!b && (b.type === 'uri' || (b.type !== 'bnode' && !isNumber(b) && !isDate(b) && b.value.length <= 80)); }
  function display(b) { return b.type === 'uri' ? shortName(b.value) : b.value; }

  // Columns of which every bound value passes test (and at least one is bound).
  function columns(vars, rows, test) {
    return vars.filter(function (v) {
      var seen = false;
      for (var i = 0; i < rows.length; i++) {
        var b = rows[i][v];
        if (!b) continue;
        if (!test(b)) return false;
        seen = true;
      }
      return seen;
    });
  }

  function results(yasr) {
    if (!yasr.results || yasr.results.getType() !== 'json') return null;
    var vars = yasr.results.getVariables() || [], rows = yasr.results.getBindings() || [];
    return vars.length && rows.length ? { vars: vars, rows: rows } : null;
  }

  function note(parent, message) {
    var p = document.createElement('p');
    p.className = 'view-note';
    p.textContent = message;
    parent.appendChild(p);
  }

  function icon(path) {
    var div = document.createElement('div');
    var s = el('svg', { viewBox: '0 0 24 24', width: '16', height: '16', 'aria-hidden': 'true' }, div);
    el('path', { d: path, fill: 'currentColor' }, s);
    return div;
  }

  function svgDownload(plugin, name) {
    return function () {
      if (!plugin.svg) return undefined;
      return {
        contentType: 'image/svg+xml',
        getData: function () { return new XMLSerializer().serializeToString(plugin.svg); },
        filename: name + '.svg',
        title: 'SVG'
      };
    };
  }

  // ---- Precision: time:unitDay / unitMonth / unitYear IRIs, or the literals Day / Month / Year.
  function precisionOf(b, dateBinding) {
    var v = b ? b.value : '';
    var m = /(?:unit)?(Day|Month|Year)$/i.exec(v);
    if (m) return m[1].toLowerCase();
    var dt = datatype(dateBinding);
    return dt === 'gYear' ? 'year' : dt === 'gYearMonth' ? 'month' : 'day';
  }

  function parseDate(b) {
    var m = /^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(b.value);
    if (!m) return null;
    return { y: +m[1], m: m[2] ? +m[2] - 1 : 0, d: m[3] ? +m[3] : 1 };
  }

  function span(d, precision) {
    var start = Date.UTC(d.y, precision === 'year' ? 0 : d.m, precision === 'day' ? d.d : 1);
    var end = precision === 'year' ? Date.UTC(d.y + 1, 0, 1) : precision === 'month' ? Date.UTC(d.y, d.m + 1, 1) : start + 864e5;
    return [start, end];
  }

  // ---- Timeline ---------------------------------------------------------------------------
  function Timeline(yasr) {
    this.yasr = yasr;
    this.label = t('view.timeline');
    this.priority = 5;
  }
  Timeline.prototype.plan = function () {
    var r = results(this.yasr);
    if (!r) return null;
    var dates = columns(r.vars, r.rows, isDate);
    if (!dates.length) return null;
    var precisions = {};
    dates.forEach(function (d) {
      var own = r.vars.filter(function (v) { return v.toLowerCase() === (d + 'precision').toLowerCase(); })[0];
      precisions[d] = own || (dates.length === 1 ? r.vars.filter(function (v) { return /precision/i.test(v); })[0] : undefined);
    });
    var used = dates.concat(Object.keys(precisions).map(function (k) { return precisions[k]; }));
    var iri = r.vars.filter(function (v) { return r.rows.some(function (row) { return row[v] && row[v].type === 'uri'; }) && used.indexOf(v) < 0; })[0];
    var labelCol = r.vars.filter(function (v) {
      return used.indexOf(v) < 0 && v !== iri && r.rows.some(function (row) { return row[v] && row[v].type !== 'uri' && !isNumber(row[v]); });
    })[0];
    return { r: r, dates: dates, precisions: precisions, iri: iri, labelCol: labelCol };
  };
  Timeline.prototype.canHandleResults = function () { return !!this.plan(); };
  Timeline.prototype.getIcon = function () { return icon('M3 11h18v2H3zM6 7h2v10H6zm5 3h2v4h-2zm5-2h2v8h-2z'); };
  Timeline.prototype.draw = function () {
    var p = this.plan(), root = this.yasr.resultsEl;
    if (!p) { note(root, t('view.none', t('view.timeline.needs'))); return; }
    var items = [];
    p.r.rows.slice(0, MAX_ROWS).forEach(function (row, i) {
      p.dates.forEach(function (d, k) {
        var b = row[d];
        var parsed = b && parseDate(b);
        if (!parsed) return;
        var prec = precisionOf(p.precisions[d] ? row[p.precisions[d]] : null, b);
        var s = span(parsed, prec);
        var iri = p.iri && row[p.iri] ? row[p.iri].value : null;
        var label = p.labelCol && row[p.labelCol] ? row[p.labelCol].value : iri ? shortName(iri) : b.value;
        items.push({ start: s[0], end: s[1], precision: prec, series: k, column: d, date: b.value, label: label, iri: iri, row: i });
      });
    });
    if (!items.length) { note(root, t('view.none', t('view.timeline.needs'))); return; }
    items.sort(function (a, b) { return a.start - b.start || a.row - b.row || a.series - b.series; });
    var min = Math.min.apply(null, items.map(function (x) { return x.start; }));
    var max = Math.max.apply(null, items.map(function (x) { return x.end; }));
    var y0 = new Date(min).getUTCFullYear(), y1 = new Date(max).getUTCFullYear() + 1;
    var from = Date.UTC(y0, 0, 1), to = Date.UTC(y1, 0, 1);
    var width = Math.max(900, root.clientWidth || 900), left = 10, right = 330, lane = 20, top = 30;
    var scale = (width - left - right) / (to - from);
    var x = function (ms) { return left + (ms - from) * scale; };
    var height = top + items.length * lane + 10;
    // No role=img: the picture holds links, which an image's children may not be (axe: nested-interactive).
    var svg = el('svg', { 'class': 'np-timeline', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height });
    svg.setAttribute('aria-label', t('view.timeline'));
    el('title', {}, svg).textContent = t('view.timeline');
    var step = Math.max(1, Math.ceil((y1 - y0) / 20));
    for (var y = y0; y <= y1; y += step) {
      var gx = x(Date.UTC(y, 0, 1));
      el('line', { 'class': 'grid', x1: gx, x2: gx, y1: top - 8, y2: height }, svg);
      text(svg, { 'class': 'year', x: gx + 2, y: top - 12 }, String(y));
    }
    items.forEach(function (it, i) {
      var cy = top + i * lane + lane / 2;
      var g = maybeLink(svg, it.iri);
      var mark;
      if (it.precision === 'day') {
        mark = el('circle', { 'class': 'mark day s' + it.series, cx: x(it.start), cy: cy, r: 5 }, g);
      } else {
        mark = el('rect', { 'class': 'mark ' + it.precision + ' s' + it.series, x: x(it.start), y: cy - 5,
          width: Math.max(3, x(it.end) - x(it.start)), height: 10, rx: 2 }, g);
      }
      mark.setAttribute('data-precision', it.precision);
      el('title', {}, mark).textContent = it.column + ': ' + it.date + ' (' + it.precision + ')';
      text(g, { 'class': 'label', x: x(it.end) + 8, y: cy + 4 }, clip(it.label, 60));
    });
    root.appendChild(svg);
    this.svg = svg;
    if (p.r.rows.length > MAX_ROWS) note(root, t('view.truncated', MAX_ROWS, p.r.rows.length));
  };
  Timeline.prototype.download = function () { return svgDownload(this, 'timeline')(); };

  // ---- Network graph ----------------------------------------------------------------------
  function Graph(yasr) {
    this.yasr = yasr;
    this.label = t('view.graph');
    this.priority = 4;
  }
  // Nodes are the IRIs of a row (claims, entities); a literal column names the node of the IRI
  // column before it (…Name, …Label) or labels the edge between two IRIs (a connective, a
  // scheme), and is never a node of its own: a modality or a scheme shared by many rows would
  // become a hub that hides the argument. Only a result with fewer than two IRI columns draws its
  // short literals as nodes (who voted how, which treaty restores which provision).
  var EDGE_LABEL = /(connective|scheme|relation|link|kind|cast|reason)$/i;
  Graph.prototype.plan = function () {
    var r = results(this.yasr);
    if (!r) return null;
    var iriCols = r.vars.filter(function (v) { return r.rows.some(function (row) { return row[v] && row[v].type === 'uri'; }); });
    var labelOf = {};
    r.vars.forEach(function (v, i) {
      var next = r.vars[i + 1];
      if (iriCols.indexOf(v) >= 0 && next && iriCols.indexOf(next) < 0 && /(label|name)$/i.test(next)) labelOf[v] = next;
    });
    var labelCols = Object.keys(labelOf).map(function (k) { return labelOf[k]; });
    var literalNodes = iriCols.length < 2;
    var nodeCols = literalNodes
      ? r.vars.filter(function (v) { return labelCols.indexOf(v) < 0 && r.rows.some(function (row) { return isNode(row[v]); }); })
      : iriCols;
    // The edge label: the connective where the row has one, else the scheme (or another link-like column).
    var edgeCols = literalNodes ? [] : r.vars.filter(function (v) { return iriCols.indexOf(v) < 0 && EDGE_LABEL.test(v); })
      .sort(function (a, b) { return (/connective/i.test(b) ? 1 : 0) - (/connective/i.test(a) ? 1 : 0); });
    var linking = r.rows.some(function (row) {
      return nodeCols.filter(function (v) { return literalNodes ? isNode(row[v]) : row[v] && row[v].type === 'uri'; }).length >= 2;
    });
    return linking ? { r: r, nodeCols: nodeCols, labelOf: labelOf, edgeCols: edgeCols, literalNodes: literalNodes } : null;
  };
  Graph.prototype.canHandleResults = function () { return !!this.plan() && !!window.d3; };
  Graph.prototype.getIcon = function () { return icon('M6 5a3 3 0 1 1-.1 0zm12 2a3 3 0 1 1-.1 0zM9 16a3 3 0 1 1-.1 0zM7.5 9.5l1 4 1-.3-1-4zm9-1L11 15l.8.6 5.5-6.4z'); };

  // Width of a label in pixels at 12px: CJK characters are square, Latin ones about half.
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e80 ? 12 : 6.6;
    return w;
  }
  function clipWidth(s, px) {
    if (textWidth(s) <= px) return s;
    var out = '';
    for (var i = 0; i < s.length && textWidth(out + s.charAt(i) + '…') <= px; i++) out += s.charAt(i);
    return out + '…';
  }

  Graph.prototype.draw = function () {
    var p = this.plan(), root = this.yasr.resultsEl, d3 = window.d3;
    if (!p || !d3) { note(root, t('view.none', t('view.graph.needs'))); return; }
    var nodes = [], byKey = {}, edges = [], edgeKeys = {}, truncated = false, rowsDrawn = 0;
    function node(b, col, row) {
      var key = (b.type === 'uri' ? 'u:' : 'l:') + b.value;
      if (byKey[key] !== undefined) return byKey[key];
      if (nodes.length >= MAX_NODES) { truncated = true; return -1; }
      var label = b.type === 'uri' && p.labelOf[col] && row[p.labelOf[col]] ? row[p.labelOf[col]].value : display(b);
      byKey[key] = nodes.length;
      nodes.push({ index: nodes.length, key: key, iri: b.type === 'uri' ? b.value : null, label: label, column: p.nodeCols.indexOf(col), degree: 0 });
      return byKey[key];
    }
    p.r.rows.forEach(function (row) {
      if (!truncated) rowsDrawn++;
      var prev = -1, prevCol = null;
      var label = p.edgeCols.map(function (c) { return row[c] ? row[c].value : null; }).filter(Boolean)[0] || null;
      p.nodeCols.forEach(function (col) {
        var b = row[col];
        if (!b || (p.literalNodes ? !isNode(b) : b.type !== 'uri')) return;
        var n = node(b, col, row);
        if (n < 0) return;
        if (prev >= 0 && prev !== n) {
          var k = prev + '>' + n + '>' + (label || '');
          if (!edgeKeys[k]) {
            edgeKeys[k] = true;
            edges.push({ source: prev, target: n, label: label, column: prevCol + ' → ' + col });
            nodes[prev].degree++;
            nodes[n].degree++;
          }
        }
        prev = n;
        prevCol = col;
      });
    });
    var width = Math.max(900, root.clientWidth || 900), height = Math.max(480, Math.min(1400, 160 + nodes.length * 14)), pad = 24;
    // d3's force layout, run to rest before drawing (no animation; its start positions are
    // deterministic, so a result draws the same picture each time).
    var sim = d3.forceSimulation(nodes)
      .force('link', d3.forceLink(edges).distance(110).strength(0.6))
      .force('charge', d3.forceManyBody().strength(-320))
      .force('collide', d3.forceCollide(26))
      .force('x', d3.forceX(0).strength(0.04))
      .force('y', d3.forceY(0).strength(0.06))
      .stop();
    for (var i = 0; i < 300; i++) sim.tick();
    // Scales from the layout onto the picture: the nodes fill it, and each label goes to the side
    // with room (left of nodes in the right part), cut to the room there, so none leaves the picture.
    var labelRoom = Math.min(260, width / 4);
    var sx = d3.scaleLinear().domain(d3.extent(nodes, function (n) { return n.x; })).range([pad + 10, width - pad - 10]);
    var sy = d3.scaleLinear().domain(d3.extent(nodes, function (n) { return n.y; })).range([pad + 10, height - pad - 10]);
    if (nodes.length === 1) { sx.range([width / 2, width / 2]); sy.range([height / 2, height / 2]); }
    var svg = el('svg', { 'class': 'np-graph', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height });
    svg.setAttribute('aria-label', t('view.graph'));
    el('title', {}, svg).textContent = t('view.graph');
    var defs = el('defs', {}, svg);
    var marker = el('marker', { id: 'np-arrow', viewBox: '0 0 10 10', refX: '20', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0 0L10 5L0 10z', 'class': 'arrow' }, marker);
    edges.forEach(function (e) {
      var a = e.source, b = e.target;
      var line = el('line', { 'class': 'edge', x1: sx(a.x), y1: sy(a.y), x2: sx(b.x), y2: sy(b.y), 'marker-end': 'url(#np-arrow)' }, svg);
      el('title', {}, line).textContent = (e.label ? e.label + ' — ' : '') + e.column;
      if (e.label) {
        var mx = (sx(a.x) + sx(b.x)) / 2, my = (sy(a.y) + sy(b.y)) / 2;
        var lbl = clipWidth(e.label, 140);
        var w = textWidth(lbl) * 11 / 12;
        mx = Math.max(pad + w / 2, Math.min(width - pad - w / 2, mx));
        text(svg, { 'class': 'edge-label', x: mx, y: my - 3, 'text-anchor': 'middle' }, lbl);
      }
    });
    nodes.forEach(function (n) {
      var g = el('g', { 'class': 'node c' + (n.column % 6) + (n.iri ? ' iri' : ' literal') }, maybeLink(svg, n.iri));
      var r = Math.min(12, 5 + Math.sqrt(n.degree) * 1.5), x = sx(n.x), y = sy(n.y);
      if (n.iri) el('circle', { cx: x, cy: y, r: r }, g);
      else el('rect', { x: x - r, y: y - r * 0.7, width: 2 * r, height: 1.4 * r, rx: 2 }, g);
      var right = x < width - labelRoom - pad;
      var room = right ? Math.min(labelRoom, width - pad - x - r - 3) : Math.min(labelRoom, x - r - 3 - pad);
      var label = text(g, { 'class': 'label', x: right ? x + r + 3 : x - r - 3, y: y + 4, 'text-anchor': right ? 'start' : 'end' },
        clipWidth(n.label, Math.max(40, room)));
      el('title', {}, label).textContent = n.iri ? n.label + ' <' + n.iri + '>' : n.label;
    });
    root.appendChild(svg);
    this.svg = svg;
    if (truncated) note(root, t('view.truncated', rowsDrawn, p.r.rows.length));
  };
  Graph.prototype.download = function () { return svgDownload(this, 'graph')(); };

  // ---- Bar chart --------------------------------------------------------------------------
  function Bar(yasr) {
    this.yasr = yasr;
    this.label = t('view.bar');
    this.priority = 3;
  }
  Bar.prototype.plan = function () {
    var r = results(this.yasr);
    if (!r) return null;
    var numeric = columns(r.vars, r.rows, isNumber);
    var labels = r.vars.filter(function (v) { return numeric.indexOf(v) < 0; });
    if (!numeric.length || !labels.length) return null;
    var series = numeric.filter(function (v) { return !/^(order|ordinal|number|rank|index|n)$/i.test(v); });
    if (!series.length) series = [numeric[numeric.length - 1]];
    return { r: r, series: series, labels: labels };
  };
  Bar.prototype.canHandleResults = function () { return !!this.plan(); };
  Bar.prototype.getIcon = function () { return icon('M3 4h10v3H3zm0 5h16v3H3zm0 5h7v3H3z'); };
  Bar.prototype.draw = function () {
    var p = this.plan(), root = this.yasr.resultsEl;
    if (!p) { note(root, t('view.none', t('view.bar.needs'))); return; }
    var rows = p.r.rows.slice(0, MAX_ROWS);
    var max = 0;
    rows.forEach(function (row) { p.series.forEach(function (s) { if (row[s]) max = Math.max(max, +row[s].value); }); });
    var width = Math.max(900, root.clientWidth || 900), labelW = 320, bar = 16, gap = 8, top = p.series.length > 1 ? 30 : 10;
    var group = p.series.length * bar + gap;
    var height = top + rows.length * group + 10;
    var scale = (width - labelW - 80) / (max || 1);
    var svg = el('svg', { 'class': 'np-bar', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height });
    svg.setAttribute('aria-label', t('view.bar'));
    el('title', {}, svg).textContent = t('view.bar');
    if (p.series.length > 1) p.series.forEach(function (s, k) {
      el('rect', { 'class': 'bar s' + k, x: labelW + k * 140, y: 8, width: 12, height: 12 }, svg);
      text(svg, { 'class': 'legend', x: labelW + k * 140 + 16, y: 18 }, s);
    });
    rows.forEach(function (row, i) {
      var y = top + i * group;
      var labelText = p.labels.filter(function (v) { return row[v]; }).map(function (v) { return display(row[v]); }).join(' · ');
      var iriCol = p.labels.filter(function (v) { return row[v] && row[v].type === 'uri'; })[0];
      var g = maybeLink(svg, iriCol ? row[iriCol].value : null);
      text(g, { 'class': 'label', x: labelW - 8, y: y + p.series.length * bar / 2 + 4, 'text-anchor': 'end' }, clip(labelText, 48));
      p.series.forEach(function (s, k) {
        if (!row[s]) return;
        var v = +row[s].value;
        var rect = el('rect', { 'class': 'bar s' + k, x: labelW, y: y + k * bar, width: Math.max(1, v * scale), height: bar - 2 }, svg);
        el('title', {}, rect).textContent = labelText + ' — ' + s + ': ' + row[s].value;
        text(svg, { 'class': 'value', x: labelW + v * scale + 4, y: y + k * bar + bar - 5 }, row[s].value);
      });
    });
    root.appendChild(svg);
    this.svg = svg;
    if (p.r.rows.length > MAX_ROWS) note(root, t('view.truncated', MAX_ROWS, p.r.rows.length));
  };
  Bar.prototype.download = function () { return svgDownload(this, 'bar')(); };

  // Rewrites the links Yasr's own table draws: this graph's IRIs to their pages here, and any
  // link whose address is not http(s) (javascript:, data:, …) to plain text. (Yasr's table
  // already drops such addresses with DOMPurify; this keeps it so whatever Yasr does.)
  function guardLinks(root) {
    var fix = function (a) {
      var href = a.getAttribute('href');
      if (href === null || href.charAt(0) === '#' || (href.charAt(0) === '/' && href.charAt(1) !== '/')) return;
      var to = linkFor(href);
      if (to === null) {
        a.removeAttribute('href');
        a.removeAttribute('target');
      } else if (to !== href) {
        // Yasr opens every link in a new window; this graph's pages open here, like the other views' links.
        a.removeAttribute('target');
        a.setAttribute('href', to);
      }
    };
    new MutationObserver(function (changes) {
      changes.forEach(function (c) {
        c.addedNodes.forEach(function (n) {
          if (n.nodeType !== 1) return;
          if (n.tagName === 'A') fix(n);
          n.querySelectorAll && n.querySelectorAll('a[href]').forEach(fix);
        });
        if (c.type === 'attributes' && c.target.tagName === 'A') fix(c.target);
      });
    }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  }

  window.NewpathViews = {
    linkFor: linkFor,
    guardLinks: guardLinks,
    register: function (config, Yasr) {
      cfg = config;
      Yasr.registerPlugin('timeline', Timeline);
      Yasr.registerPlugin('graph', Graph);
      Yasr.registerPlugin('bar', Bar);
    }
  };
})();
