PREFIX ex: <http://example.com/>
DELETE { GRAPH ?g { ?s ex:p ?o } } INSERT { GRAPH ex:g { ?s ex:q [ ex:r (1 2 3) ] } }
WHERE { GRAPH ?g { ?s ex:p ?o } MINUS { ?s ex:q ?x } FILTER(REGEX(STR(?o), "^a+$", "i")) }
