#!/usr/bin/env python3
"""Attacks tried from outside against a running server (loopback only; each bounded in count
and time, each ends by itself), as docs/operations.md records them:

    java -jar target/newpath-kg.jar serve --port 0          # note the port it prints
    python3 src/test/scripts/attacks.py PORT NAME [ARGS]

    a1: A1: connections that send a valid request and never read the answer (tiny receive buffer)
    a2: A2: one address keeps 8 uncached page requests (distinct /search?q=) in flight; light queries from another address
    a3: A3: pipelining flood: one connection sends N requests back to back, reads nothing for a while
    a5: A5: framing oddities, each on a fresh connection; print the first status line(s)
    a6: A6: headers and URLs just under the 16 KB limit: content negotiation, language lists, long query strings, percent junk
    a7: A7: fill the per-client table (N distinct addresses), then flood /$/stats from 50 addresses; light queries meanwhile
    a8: A8: reconciliation batches: the largest allowed batch, uncached, from many addresses at once; light queries meanwhile
    a9: A9: many addresses each sending the costliest reconciliation batch (50 x 'の' with 10 property values) in a loop
    a10: A10: cache growth: 59 addresses (127.0.0.2-.60) each send distinct cacheable queries with ~40 KB answers; live heap before/after
    a11: A11: hold every connection: N idle connections from 127.0.0.8 (nothing sent); light query from 127.0.0.99

Examples (what docs/operations.md ran):
    attacks.py PORT a1 '/newpath/get?default' 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7 12 3
    attacks.py PORT a2 '/search?q=%E5%9B%BDN' 20 8      attacks.py PORT a3 5000 query
    attacks.py PORT a5      attacks.py PORT a6      attacks.py PORT a7 10000 15 30
    attacks.py PORT a8 20 16      attacks.py PORT a9 25 30      attacks.py PORT a10 60 SERVER_PID
    attacks.py PORT a11 600
"""
import socket, time, json, urllib.request, urllib.parse, threading, sys, random, re, subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
PORT = 0   # set from the command line
def conn(src='127.0.0.2', rcvbuf=None, timeout=60):
    s = socket.socket()
    if rcvbuf: s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((src, 0)); s.settimeout(timeout); s.connect(('127.0.0.1', PORT)); return s
def req(path, extra='', method='GET', body=b''):
    h = f'{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}'
    if body or method == 'POST': h += f'Content-Length: {len(body)}\r\n'
    return h.encode() + b'\r\n' + body
def get(src, path, extra='', timeout=30, method='GET', body=b''):
    """one request, read the whole answer; (status, bytes, seconds)"""
    t = time.time(); s = conn(src, timeout=timeout)
    try:
        s.sendall(req(path, extra + 'Connection: close\r\n', method, body)); data = b''
        while True:
            c = s.recv(65536)
            if not c: break
            data += c
    except Exception as e:
        return ('EXC ' + type(e).__name__, 0, time.time() - t)
    finally: s.close()
    st = data.split(b' ', 2)[1].decode() if data.startswith(b'HTTP') else 'none'
    return (st, len(data), time.time() - t)
def q(text): return '/newpath/sparql?query=' + urllib.parse.quote(text)
def light(src='127.0.0.99', n=5):
    r = []
    for i in range(n):
        r.append(get(src, q(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t }} # {time.time()} {i}')))
    return r
def stats():
    with urllib.request.urlopen(f'http://127.0.0.1:{PORT}/$/stats', timeout=10) as r:
        return json.load(r)
def adm(): return stats().get('admission')


def a1(argv):
    """A1: connections that send a valid request and never read the answer (tiny receive buffer)"""
    paths = argv[1].split(',')
    srcs = argv[2].split(',')
    n = int(argv[3])
    held = []
    for i in range(n):
        s = conn(srcs[i % len(srcs)], rcvbuf=2048)
        s.sendall(req(paths[i % len(paths)], 'Accept: text/html\r\n'))
        held.append(s)
    time.sleep(2)
    print('admission after send', json.dumps(adm()))
    t0 = time.time()
    for k in range(6):
        r = get('127.0.0.99', q(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t FILTER(?t != <urn:x{k}{t0}>) }}'))
        print('light', k, r[0], round(r[2], 3))
    print('admission', json.dumps(adm()))
    time.sleep(int(argv[4]) if len(argv) > 4 else 0)
    print('after wait admission', json.dumps(adm()), 'held', time.time() - t0)
    for s in held: s.close()
    time.sleep(1)
    print('closed admission', json.dumps(adm()))
    print('light after', light(n=2))


def a2(argv):
    """A2: one address keeps 8 uncached page requests (distinct /search?q=) in flight; light queries from another address"""
    stop = time.time() + float(argv[2]); path = argv[1]
    res = []
    def loop(i):
        k = 0
        while time.time() < stop:
            k += 1
            res.append(get('127.0.0.2', path.replace('N', f'{i}x{k}x{int(time.time()*1000)}'), timeout=60)[0])
    ts = [threading.Thread(target=loop, args=(i,)) for i in range(int(argv[3]))]
    [t.start() for t in ts]
    time.sleep(3)
    print('admission', json.dumps(adm()))
    lat = []
    while time.time() < stop:
        r = get('127.0.0.99', q(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t FILTER(?t != <urn:y{time.time()}>) }}'))
        lat.append(r); time.sleep(0.2)
    [t.join() for t in ts]
    print('attacker', Counter(res))
    print('light', Counter(r[0] for r in lat), 'p50', sorted(r[2] for r in lat)[len(lat)//2], 'max', max(r[2] for r in lat))


def a3(argv):
    """A3: pipelining flood: one connection sends N requests back to back, reads nothing for a while"""
    n = int(argv[1]); kind = argv[2]
    s = conn('127.0.0.3', rcvbuf=4096)
    path = {'query': q('ASK { ?s ?p ?o }'), 'page': '/claim/s5-32', 'stats': '/$/stats', 'static': '/static/ui/editor.js'}[kind]
    blob = req(path) * n
    t = time.time()
    s.settimeout(5)
    try:
        s.sendall(blob); print('sent', len(blob), 'bytes in', round(time.time()-t,2))
    except Exception as e: print('send stopped', type(e).__name__, 'after', round(time.time()-t,2))
    print('adm', json.dumps(adm()))
    print('light', light(n=3))
    time.sleep(2)
    s.settimeout(40); got = b''; t = time.time()
    try:
        while True:
            c = s.recv(1 << 20)
            if not c: break
            got += c
    except Exception as e: print('recv', type(e).__name__)
    print('answers', len(re.findall(rb'HTTP/1.1 (\d+)', got)), sorted(set(re.findall(rb'HTTP/1.1 (\d+)', got))), round(time.time()-t,1), 's')
    print('adm', json.dumps(adm()))


def a5(argv):
    """A5: framing oddities, each on a fresh connection; print the first status line(s)"""
    Q = b'query=ASK%7B%7D'
    cases = {
     'CL+TE': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n' + b'%x\r\n' % len(Q) + Q + b'\r\n0\r\n\r\n',
     'TE chunked,identity': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked, identity\r\n\r\n' + b'%x\r\n' % len(Q) + Q + b'\r\n0\r\n\r\n',
     'TE identity': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: identity\r\nContent-Length: 15\r\n\r\n' + Q,
     'TE gzip,chunked': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
     'TE xchunked': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: xchunked\r\n\r\n' + Q,
     'two CL': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\nContent-Length: 3\r\n\r\n' + Q,
     'CL negative': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
     'CL huge': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 99999999999999999999\r\n\r\nASK{}',
     'chunk size huge': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nASK{}',
     'chunk ext bomb': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n5;' + b'a=b;' * 4000 + b'\r\nASK{}\r\n0\r\n\r\n',
     'trailer bomb': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nASK{}\r\n0\r\n' + b''.join(b'X-T%d: %s\r\n' % (i, b'v'*100) for i in range(3000)) + b'\r\n',
     'TE: trailers GET': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nTE: trailers, deflate;q=0.5\r\nConnection: TE\r\n\r\n',
     'Expect 100 then body': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nASK{}',
     'Expect bogus': b'POST /newpath/sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nExpect: 200-ok\r\nContent-Length: 5\r\n\r\nASK{}',
     'Expect on GET page': b'GET /id/dprk HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n',
     'Range query': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1,1-2,0-\r\n\r\n',
     'If-Range': b'GET /static/ui/editor.js HTTP/1.1\r\nHost: x\r\nRange: bytes=5-10\r\nIf-Range: "x"\r\n\r\n',
     'HTTP/1.0 keepalive': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
     'no Host 1.1': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n',
     'two Host': b'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
     'abs-form URI': b'GET http://evil.example/newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n',
     'asterisk OPTIONS': b'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
     'CONNECT': b'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n',
     'TRACE': b'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n',
     'h2c upgrade': b'GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n',
     'h2 preface': b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
     'websocket': b'GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
     'bare LF': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\nHost: x\n\n',
     'obs-fold': b'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n',
     'NUL in header': b'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n',
     'method junk': b'G\x00T / HTTP/1.1\r\nHost: x\r\n\r\n',
     'huge method': b'A' * 10000 + b' / HTTP/1.1\r\nHost: x\r\n\r\n',
     'Accept huge': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: ' + b','.join(b'a/b%d;q=0.%d' % (i, i % 9) for i in range(1500)) + b'\r\n\r\n',
     'Accept-Language huge': b'GET /id/dprk HTTP/1.1\r\nHost: x\r\nAccept-Language: ' + b','.join(b'x%d;q=0.%d' % (i, i % 9) for i in range(1800)) + b'\r\n\r\n',
     'many headers': b'GET / HTTP/1.1\r\nHost: x\r\n' + b''.join(b'X-%d: 1\r\n' % i for i in range(1700)) + b'\r\n',
     'Cookie huge': b'GET / HTTP/1.1\r\nHost: x\r\nCookie: ' + b'; '.join(b'c%d=v' % i for i in range(2500)) + b'\r\n\r\n',
     'If-None-Match huge': b'GET /newpath/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nIf-None-Match: ' + b','.join(b'"e%d"' % i for i in range(2500)) + b'\r\n\r\n',
    }
    for name, raw in cases.items():
        s = conn('127.0.0.4', timeout=12); t = time.time()
        try:
            s.sendall(raw); got = b''
            s.shutdown(socket.SHUT_WR) if name not in ('Expect 100 then body',) else None
            while True:
                c = s.recv(65536)
                if not c: break
                got += c
        except Exception as e:
            got += ('<' + type(e).__name__ + '>').encode()
        s.close()
        st = re.findall(rb'HTTP/1.[01] (\d+)', got)
        print(f'{name:22s} {round(time.time()-t,2):5} {[x.decode() for x in st]} {got[-80:]!r}' if not st or '5' in st[0].decode()[0] else f'{name:22s} {round(time.time()-t,2):5} {[x.decode() for x in st]}')
    print(json.dumps(adm()))


def a6(argv):
    """A6: headers and URLs just under the 16 KB limit: content negotiation, language lists, long query strings, percent junk"""
    def under(prefix, item, limit=15500):
        out = []; n = 0
        while n < limit - len(prefix):
            x = item(len(out)); out.append(x); n += len(x) + 1
        return ','.join(out)
    acc = under('Accept: ', lambda i: f'a/b{i};q=0.{i%9}')
    acc2 = under('Accept: ', lambda i: f'*/*;q=0.{i%9};x={i}')
    al = under('Accept-Language: ', lambda i: f'x{i};q=0.{i%9}')
    al2 = under('Accept-Language: ', lambda i: f'ja-{i}-x;q=0.{i%9}')
    cases = [
     ('query Accept junk', q('ASK{}'), f'Accept: {acc}\r\n'),
     ('query Accept */* params', q('SELECT * {?s ?p ?o} LIMIT 1'), f'Accept: {acc2}\r\n'),
     ('page Accept junk', '/id/dprk', f'Accept: {acc}\r\n'),
     ('page Accept */*', '/id/dprk', f'Accept: {acc2}\r\n'),
     ('page Accept-Language', '/id/dprk', f'Accept-Language: {al}\r\n'),
     ('page Accept-Language ja', '/timeline', f'Accept-Language: {al2}\r\n'),
     ('search long q', '/search?q=' + urllib.parse.quote('国'*1700), ''),
     ('search many params', '/search?' + '&'.join(f'q={i}' for i in range(2500)), ''),
     ('search many type', '/search?q=a&' + '&'.join(f'type=t{i}' for i in range(1500)), ''),
     ('complete long', '/complete?prefix=' + 'a'*15000, ''),
     ('complete q long', '/complete?q=' + urllib.parse.quote('北'*1700), ''),
     ('id long', '/id/' + 'a'*15000, ''),
     ('id pct junk', '/id/%00%ff%C0%AE%2e%2e%2F%5c', ''),
     ('id dotdot', '/id/%2e%2e/%2e%2e/etc/passwd', ''),
     ('claim pct', '/claim/%E5%9B%BD%', ''),
     ('claim bad utf8', '/claim/%C3%28', ''),
     ('static traversal', '/static/%2e%2e/%2e%2e/WEB-INF/web.xml', ''),
     ('static traversal2', '/static/..%2f..%2fpom.xml', ''),
     ('static ;', '/static/ui/editor.js;x=1', ''),
     ('queries junk', '/queries/%00.rq', ''),
     ('queries traversal', '/queries/..%2f..%2fpom.xml.rq', ''),
     ('reconcile pct', '/reconcile/%00', ''),
     ('reconcile preview junk', '/reconcile/preview?id=' + urllib.parse.quote('\u202e<script>' * 500), ''),
     ('reconcile preview long', '/reconcile/preview?id=' + 'a'*15000, ''),
     ('suggest long', '/reconcile/suggest/entity?prefix=' + urllib.parse.quote('国'*1700), ''),
     ('suggest type long', '/reconcile/suggest/entity?prefix=a&type=' + 'b'*15000, ''),
     ('page format junk', '/id/dprk?format=' + 'x'*15000, ''),
     ('page lang junk', '/id/dprk?lang=' + 'x'*15000, ''),
     ('timeline params', '/timeline?' + '&'.join(f'from={i}&to={i}' for i in range(1200)), ''),
     ('void Host long', '/.well-known/void', 'Host2: x\r\n'),
     ('sparql many params', '/newpath/sparql?query=ASK%7B%7D&' + '&'.join(f'default-graph-uri=urn:g{i}' for i in range(700)), ''),
     ('sparql named many', '/newpath/sparql?query=ASK%7B%7D&' + '&'.join(f'named-graph-uri=urn:g{i}' for i in range(700)), ''),
     ('get graph long', '/newpath/get?graph=' + 'urn:' + 'a'*15000, ''),
     ('sitemap params', '/sitemap.xml?' + 'a'*15000, ''),
     ('stats params', '/$/stats?' + 'a=1&'*3500, ''),
     ('ping', '/$/ping?' + '%ff'*5000, ''),
     ('semicolon path', '/newpath/sparql;jsessionid=1?query=ASK%7B%7D', ''),
     ('double slash', '//newpath//sparql?query=ASK%7B%7D', ''),
     ('encoded slash', '/newpath%2Fsparql?query=ASK%7B%7D', ''),
     ('ui config', '/ui/config.json?' + 'x'*15000, ''),
    ]
    for name, path, extra in cases:
        r = get('127.0.0.5', path, extra, timeout=40)
        print(f'{name:28s} {r[0]:>5} {r[1]:8d} {round(r[2],3)}')
    print(json.dumps(adm()))


def a7(argv):
    """A7: fill the per-client table (N distinct addresses), then flood /$/stats from 50 addresses; light queries meanwhile"""
    N = int(argv[1]); secs = float(argv[2])
    addrs = [f'127.{1 + i // 60000}.{(i // 250) % 240 + 1}.{i % 250 + 2}' for i in range(N)]
    t = time.time()
    with ThreadPoolExecutor(16) as ex:
        res = list(ex.map(lambda a: get(a, q('ASK {'), timeout=20)[0], addrs))
    print('spray', Counter(res), round(time.time() - t, 1), 's')
    t = time.time(); s = stats(); print('one stats', round(time.time() - t, 4), 's, tracked', s['admission']['trackedClients'])
    stop = time.time() + secs; cnt = Counter()
    def flood(i):
        while time.time() < stop:
            cnt[get(f'127.0.0.{10 + i}', '/$/stats')[0]] += 1
    ts = [threading.Thread(target=flood, args=(i,)) for i in range(int(argv[3]))]
    [x.start() for x in ts]
    lat = []
    while time.time() < stop:
        r = get('127.0.0.99', q(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t FILTER(?t != <urn:z{time.time()}>) }}')); lat.append(r); time.sleep(0.1)
    [x.join() for x in ts]
    print('stats flood', cnt)
    l = sorted(r[2] for r in lat)
    print('light', Counter(r[0] for r in lat), 'p50', round(l[len(l)//2], 3), 'p99', round(l[int(len(l)*0.99)], 3), 'max', round(l[-1], 3))


def a8(argv):
    """A8: reconciliation batches: the largest allowed batch, uncached, from many addresses at once; light queries meanwhile"""
    def batch(seed, n=50, props=10):
        r = random.Random(seed)
        words = ['国', '北朝鮮', '核', 'アメリカ', '金正恩', 'Kim', 'nuclear', '新たな道', '中国', 'ロシア', '韓国', 'a', 'の']
        b = {}
        for i in range(n):
            b[f'q{i}'] = {'query': ' '.join(r.choice(words) for _ in range(r.randint(1, 12))) + str(r.random())[:5], 'limit': 25,
                          'properties': [{'pid': r.choice(['skos:prefLabel', 'rdfs:label', 'np:name', 'skos:altLabel']), 'v': r.choice(words) * r.randint(1, 3)} for j in range(props)]}
        return json.dumps(b)
    body = batch(0).encode()
    print('batch bytes', len(body))
    form = b'queries=' + urllib.parse.quote(batch(1)).encode()
    t = time.time(); r = get('127.0.0.6', '/reconcile', 'Content-Type: application/x-www-form-urlencoded\r\n', method='POST', body=form, timeout=60); print('one batch', r[0], r[1], round(r[2], 3))
    secs = float(argv[1]); stop = time.time() + secs; cnt = Counter(); times = []
    def loop(i):
        k = 0
        while time.time() < stop:
            k += 1
            f = b'queries=' + urllib.parse.quote(batch(i * 1000 + k)).encode()
            r = get(f'127.0.1.{i + 2}', '/reconcile', 'Content-Type: application/x-www-form-urlencoded\r\n', method='POST', body=f, timeout=60)
            cnt[r[0]] += 1; times.append(r[2])
    ts = [threading.Thread(target=loop, args=(i,)) for i in range(int(argv[2]))]
    [x.start() for x in ts]
    time.sleep(1); lat = []
    while time.time() < stop:
        r = get('127.0.0.99', q(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t FILTER(?t != <urn:w{time.time()}>) }}')); lat.append(r); time.sleep(0.2)
    print('adm', json.dumps(adm()))
    [x.join() for x in ts]
    print('batches', cnt, 'max', round(max(times), 2))
    l = sorted(r[2] for r in lat)
    print('light', Counter(r[0] for r in lat), 'p50', round(l[len(l)//2], 3), 'p99', round(l[int(len(l)*0.99)], 3), 'max', round(l[-1], 3))
    print('adm after', json.dumps(adm()))


def a9(argv):
    """A9: many addresses each sending the costliest reconciliation batch (50 x 'の' with 10 property values) in a loop"""
    secs = float(argv[1]); stop = time.time() + secs; cnt = Counter(); times = []
    def loop(i):
        k = 0
        while time.time() < stop:
            k += 1
            b = {f'q{j}': {'query': f'の {i} {k} {j}', 'limit': 25, 'properties': [{'pid': 'rdfs:label', 'v': 'の'} for _ in range(10)]} for j in range(50)}
            f = b'queries=' + urllib.parse.quote(json.dumps(b)).encode()
            r = get(f'127.0.1.{i + 2}', '/reconcile', 'Content-Type: application/x-www-form-urlencoded\r\n', method='POST', body=f, timeout=60)
            cnt[r[0]] += 1; times.append(r[2])
    ts = [threading.Thread(target=loop, args=(i,)) for i in range(int(argv[2]))]
    [x.start() for x in ts]
    time.sleep(4); lat = []
    print('adm', json.dumps(adm()))
    while time.time() < stop:
        r = get('127.0.0.99', q(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t FILTER(?t != <urn:w{time.time()}>) }}')); lat.append(r); time.sleep(0.2)
    [x.join() for x in ts]
    print('batches', cnt, 'max', round(max(times), 2))
    l = sorted(r[2] for r in lat)
    print('light', Counter(r[0] for r in lat), 'p50', round(l[len(l)//2], 3), 'p99', round(l[int(len(l)*0.99)], 3), 'max', round(l[-1], 3))
    time.sleep(1); print('adm after', json.dumps(adm()))


def a10(argv):
    """A10: cache growth: 59 addresses (127.0.0.2-.60) each send distinct cacheable queries with ~40 KB answers; live heap before/after"""
    PID = argv[-1]
    def heap():
        subprocess.run(['jcmd', PID, 'GC.run'], capture_output=True); time.sleep(1)
        subprocess.run(['jcmd', PID, 'GC.run'], capture_output=True)
        out = subprocess.run(['jcmd', PID, 'GC.heap_info'], capture_output=True, text=True).stdout
        m = re.search(r'used (\d+)K', out); return int(m.group(1)) // 1024
    per = int(argv[1])
    print('heap before MB', heap(), 'cache', stats().get('cache', {}))
    cnt = Counter(); t = time.time()
    def loop(i):
        for k in range(per):
            text = f'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 200 OFFSET {i * per + k}'
            cnt[get(f'127.0.0.{i + 2}', q(text), 'Accept: application/sparql-results+json\r\n', timeout=30)[0]] += 1
    ts = [threading.Thread(target=loop, args=(i,)) for i in range(59)]
    [x.start() for x in ts]; [x.join() for x in ts]
    print('sent', cnt, round(time.time() - t, 1), 's')
    print('one answer bytes', get('127.0.0.61', q('SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200 OFFSET 7'), 'Accept: application/sparql-results+json\r\n')[1])
    print('heap after MB', heap())
    s = stats(); print({k: v for k, v in s.items() if k in ('cache', 'resultCache')})


def a11(argv):
    """A11: hold every connection: N idle connections from 127.0.0.8 (nothing sent); light query from 127.0.0.99"""
    n = int(argv[1]); held = []
    for i in range(n):
        try: held.append(conn(f'127.0.0.{8 + i // 400}', timeout=5))
        except Exception as e: print('connect', i, type(e).__name__); break
    print('held', len(held))
    t0 = time.time()
    for k in range(3):
        r = get('127.0.0.99', q(f'ASK {{ ?s ?p <urn:a{k}{t0}> }}'), timeout=60); print('light', r[0], round(r[2], 2), 'at', round(time.time() - t0, 1))
    for s in held: s.close()


ATTACKS = {'a1': a1, 'a2': a2, 'a3': a3, 'a5': a5, 'a6': a6, 'a7': a7, 'a8': a8, 'a9': a9, 'a10': a10, 'a11': a11}

if __name__ == '__main__':
    if len(sys.argv) < 3 or sys.argv[2] not in ATTACKS:
        print(__doc__)
        sys.exit(2)
    PORT = int(sys.argv[1])
    ATTACKS[sys.argv[2]](['attack'] + sys.argv[3:])
