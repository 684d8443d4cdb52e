//! `/reconcile`: the W3C Entity Reconciliation Service API, version 0.2 (what OpenRefine
//! speaks), answered by the same search as `kzlg resolve`.
//!
//! An entity's reconciliation id is the path of its IRI under `id/` (`person/askarbek-mustafin`),
//! so that one `view` template serves every kind. Types are the kinds (`person`, `unit`, ...)
//! and the classes of the tables (`Region`, `Akim`, `donor`, ...), as `kzlg resolve --type`
//! takes them.

use hyper::{Method, StatusCode};
use serde_json::{Map, Value, json};

use super::State;
use super::http::{self, Incoming, Reply};
use crate::schema::Kind;
use crate::search::Index;

/// Candidates per query when the query gives no limit.
const DEFAULT_LIMIT: usize = 10;

pub fn answer(state: &State, request: &Incoming) -> Reply {
    let mut params = match request.query() {
        Ok(params) => params,
        Err(http::BadRequest(message)) => return http::problem(StatusCode::BAD_REQUEST, &message),
    };
    match request.method {
        Method::GET | Method::HEAD => {}
        Method::POST => match http::form(&request.body, "the form") {
            Ok(form) => params.extend(form),
            Err(http::BadRequest(message)) => return http::problem(StatusCode::BAD_REQUEST, &message),
        },
        _ => return http::method_not_allowed("GET, POST"),
    }
    let Some(index) = &state.index else {
        return http::problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "reconciliation needs the tables: start kzlg serve with --tables DIR",
        );
    };
    let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let answer = if let Some(batch) = param("queries") {
        let batch: Map<String, Value> = match serde_json::from_str(batch) {
            Ok(Value::Object(batch)) => batch,
            Ok(_) => return bad("'queries' is a JSON object of queries by key: {\"q0\": {\"query\": \"...\"}}"),
            Err(error) => return bad(&format!("'queries' is not JSON: {error}")),
        };
        let mut answers = Map::new();
        for (key, query) in batch {
            match reconcile(index, &query) {
                Ok(result) => answers.insert(key, json!({ "result": result })),
                Err(message) => return bad(&format!("query '{key}': {message}")),
            };
        }
        Value::Object(answers)
    } else if let Some(single) = param("query") {
        // The older single form: a bare string, or one query object.
        let query = serde_json::from_str::<Value>(single)
            .ok()
            .filter(Value::is_object)
            .unwrap_or_else(|| json!({ "query": single }));
        match reconcile(index, &query) {
            Ok(result) => json!({ "result": result }),
            Err(message) => return bad(&message),
        }
    } else {
        manifest(state, request, index)
    };
    json_reply(answer)
}

fn bad(message: &str) -> Reply {
    http::problem(StatusCode::BAD_REQUEST, message)
}

fn json_reply(value: Value) -> Reply {
    http::reply(
        StatusCode::OK,
        "application/json; charset=utf-8",
        serde_json::to_vec(&value).unwrap_or_default(),
    )
}

/// The service manifest: what the service is, its types, and where entities are viewed.
fn manifest(state: &State, request: &Incoming, index: &Index) -> Value {
    let host = match request.header("host") {
        "" => state.config.bind.to_string(),
        host => host.to_owned(),
    };
    let types: Vec<Value> = Kind::ALL
        .iter()
        .filter(|kind| index.entities().iter().any(|e| e.kind == **kind))
        .map(|kind| json!({ "id": kind.segment(), "name": kind.noun() }))
        .collect();
    json!({
        "versions": ["0.2"],
        "name": "kzlg: Kazakhstan's local government",
        "identifierSpace": crate::vocab::KZID,
        "schemaSpace": crate::vocab::KZLG,
        "documentation": format!("http://{host}/"),
        "serviceVersion": env!("CARGO_PKG_VERSION"),
        "view": { "url": format!("http://{host}/id/{{{{id}}}}") },
        "defaultTypes": types,
    })
}

/// The candidates for one query object: `query`, optional `type` (a string or a list) and
/// `limit`; `properties` are not used for scoring.
fn reconcile(index: &Index, query: &Value) -> Result<Vec<Value>, String> {
    let text = query
        .get("query")
        .and_then(Value::as_str)
        .ok_or("a query object needs a \"query\" string")?;
    let types: Vec<&str> = match query.get("type") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        Some(_) => return Err("\"type\" is a string or a list of strings".to_owned()),
    };
    let limit = query
        .get("limit")
        .and_then(Value::as_u64)
        .map_or(DEFAULT_LIMIT, |n| n as usize);
    let mut candidates = Vec::new();
    if types.is_empty() {
        candidates = index.find(text, &Default::default());
    } else {
        for wanted in types {
            let filters = index.filters(Some(wanted), None).map_err(|e| e.to_string())?;
            candidates.extend(index.find(text, &filters));
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.entity.id.cmp(&b.entity.id)));
        candidates.dedup_by(|a, b| std::ptr::eq(a.entity, b.entity));
    }
    // Certain only when the best is a whole-name match and nothing else scores as high.
    let certain = match candidates.as_slice() {
        [first, rest @ ..] => first.score >= 1.0 && rest.first().is_none_or(|second| second.score < first.score),
        [] => false,
    };
    Ok(candidates
        .iter()
        .take(limit)
        .enumerate()
        .map(|(at, candidate)| {
            let entity = candidate.entity;
            let mut types = vec![json!({ "id": entity.kind.segment(), "name": entity.kind.noun() })];
            if entity.class != entity.kind.segment() {
                types.insert(0, json!({ "id": entity.class, "name": entity.class }));
            }
            json!({
                "id": format!("{}/{}", entity.kind.segment(), entity.id),
                "name": entity.label,
                "description": candidate.reasons.first().map(ToString::to_string).unwrap_or_default(),
                "score": (candidate.score * 100.0 * 10.0).round() / 10.0,
                "match": at == 0 && certain,
                "type": types,
            })
        })
        .collect())
}
