//! `kzlg serve` on the bundled data: the SPARQL protocol, limits, bad HTTP input, search,
//! reconciliation and entity pages, each test starting its own server on a free loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `kzlg serve`, killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Server {
    /// Starts `kzlg serve --bind 127.0.0.1:0 ARGS` in the repository (the bundled tables and
    /// catalogue) and reads the address it listens on from its first line on standard error.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kzlg"))
            .arg("serve")
            .args(["--bind", "127.0.0.1:0"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kzlg serve starts");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, address }
    }

    /// Sends raw bytes as one request and reads the whole answer (the request should close
    /// the connection).
    fn raw(&self, request: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Answer::parse(&bytes)
    }

    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.address
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = request.into_bytes();
        bytes.extend_from_slice(body);
        self.raw(&bytes)
    }

    fn get(&self, target: &str, accept: &str) -> Answer {
        self.request("GET", target, &[("Accept", accept)], b"")
    }

    /// GET /sparql?query=TEXT with `accept`.
    fn sparql(&self, text: &str, accept: &str) -> Answer {
        self.get(&format!("/sparql?query={}", encode(text)), accept)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn parse(bytes: &[u8]) -> Answer {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {head:?}"));
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn media(&self) -> &str {
        self.header("content-type")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap()
            .trim()
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `kzlg query` in the repository, for what the endpoint must equal.
fn kzlg_query(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kzlg"))
        .arg("query")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

const COUNT_AKIMS: &str = "SELECT (COUNT(DISTINCT ?post) AS ?n) WHERE { ?post kzlg:postType kzlg:Akim }";

#[test]
fn the_endpoint_answers_every_results_format_by_accept_with_the_project_prefixes() {
    let server = Server::start(&[]);
    let expected = kzlg_query(&["-e", COUNT_AKIMS, "--format", "csv"]);
    let csv = server.sparql(COUNT_AKIMS, "text/csv");
    assert_eq!((csv.status, csv.media()), (200, "text/csv"), "{}", csv.body);
    assert_eq!(csv.body, expected);
    assert_eq!(csv.header("vary"), Some("Accept"));
    let n = expected.lines().nth(1).unwrap().to_owned();
    let json = server.sparql(COUNT_AKIMS, "application/sparql-results+json");
    assert_eq!(json.media(), "application/sparql-results+json");
    let value: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(value["results"]["bindings"][0]["n"]["value"], n.as_str());
    let xml = server.sparql(COUNT_AKIMS, "application/sparql-results+xml");
    assert_eq!(xml.media(), "application/sparql-results+xml");
    assert!(xml.body.contains(&format!(">{n}</literal>")), "{}", xml.body);
    let tsv = server.sparql(COUNT_AKIMS, "text/tab-separated-values");
    assert_eq!(tsv.media(), "text/tab-separated-values");
    assert!(tsv.body.starts_with("?n\n"), "{}", tsv.body);
    // No Accept: JSON, the protocol's usual default.
    assert_eq!(
        server.sparql(COUNT_AKIMS, "").media(),
        "application/sparql-results+json"
    );
    // POST as a form and as application/sparql-query give the same answer.
    let form = format!("query={}", encode(COUNT_AKIMS));
    let posted = server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/csv"),
        ],
        form.as_bytes(),
    );
    assert_eq!((posted.status, posted.body.as_str()), (200, expected.as_str()));
    let direct = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query"), ("Accept", "text/csv")],
        COUNT_AKIMS.as_bytes(),
    );
    assert_eq!((direct.status, direct.body.as_str()), (200, expected.as_str()));
}

#[test]
fn construct_answers_turtle_ntriples_and_jsonld_and_406_otherwise() {
    let server = Server::start(&[]);
    let construct = "CONSTRUCT { person:askarbek-mustafin ?p ?o } WHERE { person:askarbek-mustafin ?p ?o }";
    let turtle = server.sparql(construct, "text/turtle");
    assert_eq!((turtle.status, turtle.media()), (200, "text/turtle"));
    assert!(turtle.body.contains("@prefix person:"), "{}", turtle.body);
    let nt = server.sparql(construct, "application/n-triples");
    assert_eq!(nt.media(), "application/n-triples");
    let expected = kzlg_query(&["-e", construct, "--format", "ntriples"]);
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&nt.body), sorted(&expected));
    assert!(!expected.is_empty());
    let jsonld = server.sparql(construct, "application/ld+json");
    assert_eq!(jsonld.media(), "application/ld+json");
    serde_json::from_str::<serde_json::Value>(&jsonld.body).expect("JSON-LD is JSON");
    // A graph cannot be had as CSV, nor a table as Turtle, nor anything as PNG.
    assert_eq!(server.sparql(construct, "text/csv").status, 406);
    assert_eq!(server.sparql(COUNT_AKIMS, "text/turtle").status, 406);
    let png = server.sparql(COUNT_AKIMS, "image/png");
    assert_eq!(png.status, 406);
    assert!(png.body.contains("text/csv"), "{}", png.body);
}

#[test]
fn updates_are_refused_and_malformed_queries_get_line_and_column() {
    let server = Server::start(&[]);
    let update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";
    let by_form = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        format!("update={}", encode(update)).as_bytes(),
    );
    assert_eq!(by_form.status, 403);
    assert!(by_form.body.contains("read-only"), "{}", by_form.body);
    let by_type = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        update.as_bytes(),
    );
    assert_eq!(by_type.status, 403);
    // An update sent as a query is recognised as one.
    assert_eq!(server.sparql(update, "").status, 403);
    assert_eq!(server.request("PUT", "/sparql", &[], b"x").status, 405);
    assert_eq!(
        server
            .request("DELETE", "/id/person/askarbek-mustafin", &[], b"")
            .status,
        405
    );
    let broken = server.sparql("SELECT ?x\nWHERE { ?x a }", "");
    assert_eq!(broken.status, 400);
    assert!(broken.body.contains("query:2:"), "{}", broken.body);
    assert!(broken.body.contains("| WHERE { ?x a }"), "{}", broken.body);
    // The graph is unchanged: the count is what kzlg query gives.
    assert_eq!(
        server.sparql(COUNT_AKIMS, "text/csv").body,
        kzlg_query(&["-e", COUNT_AKIMS, "--format", "csv"])
    );
}

#[test]
fn a_query_that_runs_forever_is_stopped_at_the_timeout_and_the_server_keeps_serving() {
    let server = Server::start(&["--timeout", "1s"]);
    let forever = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = Instant::now();
    let stopped = server.sparql(forever, "");
    let took = started.elapsed();
    assert_eq!(stopped.status, 503, "{}", stopped.body);
    assert!(stopped.body.contains("--timeout"), "{}", stopped.body);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    // The cancelled evaluation does not hold the server: the next query answers at once.
    let started = Instant::now();
    let next = server.sparql(COUNT_AKIMS, "text/csv");
    assert_eq!(next.status, 200);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}

#[test]
fn answers_longer_than_max_rows_are_cut_and_say_so() {
    let server = Server::start(&["--max-rows", "3"]);
    let all = "SELECT ?p WHERE { ?p a foaf:Person } ORDER BY ?p";
    let cut = server.sparql(all, "text/csv");
    assert_eq!(cut.status, 200);
    assert_eq!(cut.body.lines().count(), 4, "{}", cut.body);
    assert_eq!(cut.header("kzlg-truncated"), Some("3"));
    assert!(cut.header("warning").is_some_and(|w| w.contains("--max-rows")));
    let whole = server.sparql("SELECT ?p WHERE { ?p a foaf:Person } ORDER BY ?p LIMIT 3", "text/csv");
    assert_eq!(whole.body, cut.body);
    assert_eq!(whole.header("kzlg-truncated"), None);
}

#[test]
fn cors_headers_only_with_the_flag() {
    let closed = Server::start(&[]);
    assert_eq!(
        closed.sparql(COUNT_AKIMS, "").header("access-control-allow-origin"),
        None
    );
    assert_eq!(
        closed
            .request("OPTIONS", "/sparql", &[("Origin", "http://example.org")], b"")
            .status,
        405
    );
    let open = Server::start(&["--cors"]);
    assert_eq!(
        open.sparql(COUNT_AKIMS, "").header("access-control-allow-origin"),
        Some("*")
    );
    let preflight = open.request("OPTIONS", "/sparql", &[("Origin", "http://example.org")], b"");
    assert_eq!(preflight.status, 204);
    assert!(
        preflight
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
}

#[test]
fn as_of_serves_the_graph_of_that_date() {
    let server = Server::start(&["--as-of", "2002"]);
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/who-appoints-akims.rq")).unwrap();
    let served = server.sparql(&text, "text/csv");
    assert_eq!(served.status, 200);
    assert_eq!(
        served.body,
        kzlg_query(&["who-appoints-akims", "--as-of", "2002", "--format", "csv"])
    );
    assert_ne!(
        served.body,
        kzlg_query(&["who-appoints-akims", "--format", "csv"]),
        "2002 differs from today"
    );
}

#[test]
fn bad_http_input_gets_a_clean_4xx_and_the_server_keeps_serving() {
    let server = Server::start(&[]);
    let traversal = server.raw(b"GET /id/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(traversal.status, 400, "{}", traversal.body);
    assert!(!traversal.body.contains("root:"));
    let encoded =
        server.raw(b"GET /assets/%2e%2e%2f%2e%2e%2fCargo.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(encoded.status, 400, "{}", encoded.body);
    let utf8 = server.get("/sparql?query=%FF%FE", "");
    assert_eq!(utf8.status, 400);
    assert!(utf8.body.contains("UTF-8"), "{}", utf8.body);
    let raw_bytes = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        b"SELECT * WHERE { ?s ?p \xff }",
    );
    assert_eq!(raw_bytes.status, 400);
    let long = server.get(&format!("/sparql?query={}", "a".repeat(20_000)), "");
    assert_eq!(long.status, 414, "{}", long.body);
    let huge_head = server.get(&format!("/search?q={}", "a".repeat(200_000)), "");
    assert!([414, 431].contains(&huge_head.status), "{}", huge_head.status);
    let big = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        &vec![b' '; 2 << 20],
    );
    assert_eq!(big.status, 413, "{}", big.body);
    assert_eq!(server.get("/sparql?query=SELECT", "").status, 400);
    // Still serving.
    assert_eq!(server.sparql(COUNT_AKIMS, "text/csv").status, 200);
}

#[test]
fn slow_clients_do_not_block_others() {
    let server = Server::start(&[]);
    // Twenty clients that send half a request line and then nothing.
    let slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(server.address).unwrap();
            stream.write_all(b"GET /sparql?query=SEL").unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    for _ in 0..5 {
        assert_eq!(server.sparql(COUNT_AKIMS, "text/csv").status, 200);
    }
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    // A body that never comes in full gets 408 once the body timeout passes.
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .write_all(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nSELECT")
        .unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    assert_eq!(Answer::parse(&bytes).status, 408);
    drop(slow);
}

#[test]
fn search_finds_a_name_written_in_cyrillic() {
    let server = Server::start(&[]);
    let page = server.get(&format!("/search?q={}", encode("Токаев")), "text/html");
    assert_eq!((page.status, page.media()), (200, "text/html"));
    let entities = page.body.split("id=\"entities\"").nth(1).unwrap();
    let first = entities.split("<li>").nth(1).unwrap();
    assert!(first.contains("href=\"/id/person/kassym-jomart-tokayev\""), "{first}");
    // Words of a quote find its row.
    let quoted = server.get(&format!("/search?q={}", encode("Rayon Akim Zhambylsky")), "text/html");
    assert!(quoted.body.contains("akpf-internship-2002"), "{}", quoted.body);
}

#[test]
fn reconciliation_answers_the_manifest_single_and_batch_queries_with_types() {
    let server = Server::start(&[]);
    let manifest: serde_json::Value = serde_json::from_str(&server.get("/reconcile", "").body).unwrap();
    assert_eq!(manifest["versions"][0], "0.2");
    assert_eq!(manifest["identifierSpace"], "https://w3id.org/kzlg/id/");
    let view = manifest["view"]["url"].as_str().unwrap();
    assert!(view.ends_with("/id/{{id}}"), "{view}");
    assert!(
        manifest["defaultTypes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "person")
    );
    let batch = r#"{"q0": {"query": "Токаев"}, "q1": {"query": "Mustafin", "type": "person", "limit": 2}, "q2": {"query": "Mustafin", "type": "unit"}}"#;
    let answer = server.request(
        "POST",
        "/reconcile",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        format!("queries={}", encode(batch)).as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let answer: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(answer["q0"]["result"][0]["id"], "person/kassym-jomart-tokayev");
    assert_eq!(answer["q1"]["result"][0]["id"], "person/askarbek-mustafin");
    assert!(answer["q1"]["result"].as_array().unwrap().len() <= 2);
    assert!(
        answer["q1"]["result"][0]["type"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "person")
    );
    assert!(
        answer["q2"]["result"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"].as_str().unwrap().starts_with("unit/"))
    );
    let single: serde_json::Value = serde_json::from_str(&server.get("/reconcile?query=Tokayev", "").body).unwrap();
    assert_eq!(single["result"][0]["id"], "person/kassym-jomart-tokayev");
    assert_eq!(server.get("/reconcile?queries=%7Bnot", "").status, 400);
    let unknown_type = server.get(
        &format!(
            "/reconcile?queries={}",
            encode(r#"{"q0":{"query":"x","type":"planet"}}"#)
        ),
        "",
    );
    assert_eq!(unknown_type.status, 400);
}

#[test]
fn home_and_query_pages_and_assets_are_served_by_the_binary() {
    let server = Server::start(&[]);
    let home = server.get("/", "text/html");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("/assets/system-2002-2026.svg"));
    assert!(home.body.contains("href=\"/id/unit/"), "regions are linked");
    assert!(
        !home.body.contains("http://") && !home.body.contains("https://cdn"),
        "nothing from elsewhere"
    );
    let query = server.get("/query?name=who-appoints-akims", "text/html");
    assert_eq!(query.status, 200);
    assert!(query.body.contains("<option value=\"who-appoints-akims\" selected>"));
    for (asset, media) in [
        ("style.css", "text/css"),
        ("query.js", "text/javascript"),
        ("system-2002-2026.svg", "image/svg+xml"),
    ] {
        let answer = server.get(&format!("/assets/{asset}"), "");
        assert_eq!((answer.status, answer.media()), (200, media), "{asset}");
    }
    assert_eq!(server.get("/assets/nothing.js", "").status, 404);
    // A browser opening the endpoint is sent to the query page.
    let browser = server.get("/sparql", "text/html,application/xhtml+xml,*/*;q=0.8");
    assert_eq!((browser.status, browser.header("location")), (303, Some("/query")));
}

/// Every `kzid:` IRI of the graph (subject or object), from the endpoint itself.
fn every_entity_iri(server: &Server) -> Vec<String> {
    let list = server.sparql(
        "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { ?x ?p ?s } FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(kzid:))) } ORDER BY ?s",
        "text/csv",
    );
    assert_eq!(list.status, 200, "{}", list.body);
    list.body.lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn every_kzid_iri_of_the_graph_answers_200_in_html_and_in_turtle() {
    let server = Server::start(&[]);
    let iris = every_entity_iri(&server);
    assert!(iris.len() > 500, "{}", iris.len());
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<&[String]> = iris.chunks(iris.len().div_ceil(4)).collect();
        let workers: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let server = &server;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for iri in chunk {
                        let path = &iri["https://w3id.org/kzlg".len()..];
                        let page = server.get(path, "text/html");
                        if page.status != 200 || page.media() != "text/html" {
                            failures.push(format!("{path} as HTML: {}", page.status));
                        }
                        let turtle = server.get(path, "text/turtle");
                        if turtle.status != 200
                            || !turtle.body.contains(&format!("<{iri}>")) && !turtle.body.contains(':')
                        {
                            failures.push(format!("{path} as Turtle: {}", turtle.status));
                        }
                    }
                    failures
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} fail: {:?}",
        failures.len(),
        iris.len(),
        &failures[..failures.len().min(20)]
    );
}

#[test]
fn entity_pages_negotiate_their_form_and_language() {
    let server = Server::start(&[]);
    let path = "/id/person/askarbek-mustafin";
    let html = server.get(path, "text/html,application/xhtml+xml,*/*;q=0.8");
    assert_eq!((html.status, html.media()), (200, "text/html"));
    assert!(html.header("vary").unwrap().contains("Accept"));
    assert!(
        html.body.contains("href=\"/id/post/akim-zhambyl-district-nko\""),
        "links to the post held"
    );
    assert!(html.body.contains("Rayon Akim, Zhambylsky"), "the quote is shown");
    for (accept, media) in [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ] {
        let answer = server.get(path, accept);
        assert_eq!((answer.status, answer.media()), (200, media), "{accept}");
        assert_eq!(answer.header("vary"), Some("Accept"));
    }
    // The suffix wins over Accept.
    for (suffix, media) in [
        ("ttl", "text/turtle"),
        ("nt", "application/n-triples"),
        ("jsonld", "application/ld+json"),
    ] {
        let answer = server.get(&format!("{path}.{suffix}"), "text/html");
        assert_eq!((answer.status, answer.media()), (200, media), "{suffix}");
    }
    let nt = server.get(&format!("{path}.nt"), "");
    assert!(nt.body.contains("<https://w3id.org/kzlg/id/stmt/tenure-askarbek-mustafin-akim-zhambyl-district-nko-2002> <http://www.w3.org/ns/org#member> <https://w3id.org/kzlg/id/person/askarbek-mustafin> ."), "{}", nt.body);
    assert_eq!(server.get(path, "image/png").status, 406);
    // Page text in Russian, by ?lang= and by Accept-Language.
    let english = server.get(path, "text/html").body;
    let by_param = server.get(&format!("{path}?lang=ru"), "text/html").body;
    let by_header = server
        .request(
            "GET",
            path,
            &[("Accept", "text/html"), ("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")],
            b"",
        )
        .body;
    assert!(by_param.contains("<html lang=\"ru\""), "{}", &by_param[..200]);
    assert_eq!(by_param, by_header);
    assert_ne!(english, by_param);
    // The ontology and its terms dereference.
    assert_eq!(server.get("/ontology", "text/html").status, 200);
    let ttl = server.get("/ontology", "text/turtle");
    assert_eq!((ttl.status, ttl.media()), (200, "text/turtle"));
    assert!(ttl.body.contains("kzlg:Akim"), "the whole ontology");
    let term = server.get("/ontology/Akim", "text/html");
    assert_eq!(term.status, 200);
    assert_eq!(server.get("/ontology/Akim.ttl", "").media(), "text/turtle");
    assert_eq!(server.get("/ontology/NoSuchTerm", "text/html").status, 404);
}

#[test]
fn an_unknown_id_gets_404_with_did_you_mean() {
    let server = Server::start(&[]);
    let page = server.get("/id/person/askarbek-mustafn", "text/html");
    assert_eq!((page.status, page.media()), (404, "text/html"));
    let suggestions = page.body.split("<ul>").nth(1).unwrap_or_default();
    assert!(
        suggestions.contains("href=\"/id/person/askarbek-mustafin\""),
        "{}",
        page.body
    );
    assert_eq!(server.get("/id/planet/mars", "text/html").status, 404);
    assert_eq!(server.get("/id/person/askarbek-mustafn", "text/turtle").status, 404);
    assert_eq!(server.get("/nothing/here", "text/html").status, 404);
}

/// The server's own pages (home, search, the query page, a 404) are written in the language
/// `?lang=` or `Accept-Language` asks for, around the data's own names; no English heading or
/// sentence of them remains.
#[test]
fn the_servers_own_pages_answer_in_russian_and_kazakh() {
    let server = Server::start(&[]);
    let search = format!("/search?q={}", encode("Мустафин"));
    // The words each page must show, as lang.rs writes them, and the region units.csv names
    // "Абайская область" and "Абай облысы".
    let expected = [
        (
            "ru",
            [
                (
                    "/",
                    vec![
                        "Устройство власти",
                        "По области",
                        ">Абайская область</a>",
                        "По виду",
                        "Готовые вопросы",
                        ">Главная<",
                    ],
                ),
                (
                    search.as_str(),
                    vec![
                        "<h1>Поиск</h1>",
                        "<h2>Объекты</h2>",
                        "<h2>В тексте</h2>",
                        "источник akpf",
                    ],
                ),
                (
                    "/query",
                    vec![
                        "<h1>Вопрос к графу</h1>",
                        ">Выполнить<",
                        "data-running=\"выполняется…\"",
                    ],
                ),
                ("/no/such/page", vec!["Нет объекта с таким идентификатором"]),
            ],
        ),
        (
            "kk",
            [
                (
                    "/",
                    vec![
                        "Билік құрылымы",
                        "Облыс бойынша",
                        ">Абай облысы</a>",
                        "Түрі бойынша",
                        "Дайын сұрақтар",
                        ">Басты бет<",
                    ],
                ),
                (
                    search.as_str(),
                    vec![
                        "<h1>Іздеу</h1>",
                        "<h2>Нысандар</h2>",
                        "<h2>Мәтінде</h2>",
                        "дереккөз akpf",
                    ],
                ),
                (
                    "/query",
                    vec![
                        "<h1>Графқа сұрақ қою</h1>",
                        ">Орындау<",
                        "data-running=\"орындалып жатыр…\"",
                    ],
                ),
                ("/no/such/page", vec!["Мұндай идентификаторы бар нысан жоқ"]),
            ],
        ),
    ];
    let english_headings = [
        "Home",
        "Search",
        "Query",
        "Run",
        "The institutions",
        "In the graph",
        "By region",
        "By kind",
        "Ready questions",
        "Entities",
        "In the text",
        "Ask the graph",
        "Nothing has this identifier",
    ];
    let english_sentences = [
        "Who appoints, elects",
        "best first",
        "names, notes or quotes",
        "Write SPARQL",
        "(choose one)",
        "SPARQL endpoint",
        "Reconciliation",
        "running…",
        "cut at the server's limit",
    ];
    for (lang, pages) in expected {
        for (path, words) in pages {
            // Russian by the parameter, Kazakh by the header.
            let answer = match lang {
                "ru" => {
                    let join = if path.contains('?') { '&' } else { '?' };
                    server.get(&format!("{path}{join}lang=ru"), "text/html")
                }
                _ => server.request(
                    "GET",
                    path,
                    &[
                        ("Accept", "text/html"),
                        ("Accept-Language", "kk-KZ, ru;q=0.8, en;q=0.5"),
                    ],
                    b"",
                ),
            };
            let status = if path.starts_with("/no/") { 404 } else { 200 };
            assert_eq!(answer.status, status, "{lang} {path}");
            assert!(answer.body.contains(&format!("<html lang=\"{lang}\"")), "{lang} {path}");
            for word in words {
                assert!(answer.body.contains(word), "{lang} {path}: no {word:?}");
            }
            for heading in english_headings {
                assert!(
                    !answer.body.contains(&format!(">{heading}<")),
                    "{lang} {path}: {heading:?}"
                );
            }
            for sentence in english_sentences {
                assert!(!answer.body.contains(sentence), "{lang} {path}: {sentence:?}");
            }
        }
    }
}
