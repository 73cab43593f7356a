"""Queries the newpath-kg endpoint with Python's usual SPARQL clients and prints what they got as JSON.

usage: /usr/bin/python3 rdflib_client.py ENDPOINT_URL

Uses Debian's python3-rdflib (SPARQLStore: a SELECT and a CONSTRUCT) and python3-sparqlwrapper.
Both are installed for /usr/bin/python3 by src/test/scripts/ensure-interop-clients.sh. The ITs assert
the printed rows; this script only asks and reports.
"""
import json
import sys

from rdflib import Graph, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

NPO = Namespace("https://w3id.org/newpath-kg/ontology#")
NP = Namespace("https://w3id.org/newpath-kg/id/")

SELECT_WIKIDATA = """
PREFIX np:   <https://w3id.org/newpath-kg/id/>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?wikidata WHERE {
  np:dprk rdfs:label ?name ; owl:sameAs ?wikidata .
  FILTER (STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/"))
}
ORDER BY ?name
"""

CONSTRUCT_TREATY = """
PREFIX np:  <https://w3id.org/newpath-kg/id/>
PREFIX npo: <https://w3id.org/newpath-kg/ontology#>
CONSTRUCT { np:russia-dprk-treaty-2024 npo:party ?party ; npo:signingDate ?date ; npo:signingDatePrecision ?precision }
WHERE { np:russia-dprk-treaty-2024 npo:party ?party ; npo:signingDate ?date ; npo:signingDatePrecision ?precision }
"""

SELECT_TREATIES = """
PREFIX np:  <https://w3id.org/newpath-kg/id/>
PREFIX npo: <https://w3id.org/newpath-kg/ontology#>
SELECT ?treaty ?signed WHERE { ?treaty a npo:Treaty ; npo:party np:dprk ; npo:signingDate ?signed }
ORDER BY ?signed ?treaty
"""


def term(t):
    """The N-Triples-like text of an rdflib term, so the IT can compare exactly."""
    return t.n3() if t is not None else None


def main(endpoint):
    out = {}

    store = SPARQLStore(query_endpoint=endpoint, returnFormat="json")
    out["rdflib_select"] = [[term(v) for v in row] for row in store.query(SELECT_WIKIDATA)]

    # CONSTRUCT through SPARQLStore works with RDF/XML only (rdflib 6.1.1).
    graph_store = SPARQLStore(query_endpoint=endpoint, returnFormat="xml")
    constructed = Graph()
    for triple in graph_store.query(CONSTRUCT_TREATY):
        constructed.add(triple)
    out["rdflib_construct"] = sorted(" ".join(term(x) for x in t) for t in constructed)
    out["rdflib_construct_signing_date"] = str(constructed.value(NP["russia-dprk-treaty-2024"], NPO.signingDate))

    # SPARQLWrapper sends format= URL parameters Fuseki rejects unless told to use content negotiation only.
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setOnlyConneg(True)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery(SELECT_TREATIES)
    res = wrapper.query().convert()
    out["sparqlwrapper_select"] = [[b["treaty"]["value"], b["signed"]["value"]] for b in res["results"]["bindings"]]

    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: rdflib_client.py ENDPOINT_URL")
    main(sys.argv[1])
